package io.promo.domain.serving.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.TargetEntity;
import io.promo.domain.campaign.TargetEntityType;
import io.promo.domain.ledger.BudgetState;
import io.promo.domain.serving.Seeds;
import io.promo.domain.serving.engine.DecisionEngine;
import io.promo.domain.serving.engine.SearchContext;
import io.promo.domain.serving.index.EntityTable;
import io.promo.domain.serving.index.IndexParts;
import io.promo.domain.serving.index.ServingCampaign;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.TestData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The decision's scratch hands its candidates out in exactly the rank order (score, then the rotation, then the
 * campaign id), both the best few it keeps while they are added and the rest it takes from a heap when the
 * placement asks for more. Random candidate sets with many tied scores, campaigns read from the entity table or
 * given directly, and the same campaign twice (as colliding entity ids give it). Seeded: each message names the
 * seed; -Dpromo.seed replays a run.
 */
class CandidateOrderTest {

    private static final int TRIALS = 1_500;
    private static final LocalDate DAY = LocalDate.of(2026, 12, 10);
    private static final AdvertiserId ADVERTISER = new AdvertiserId("padv_order");

    @Test
    void the_candidates_come_out_in_rank_order_however_many_the_placement_takes() {
        long base = Seeds.base("candidate order");
        // One scratch for all trials, as a thread reuses its own: every decision starts from the previous one's arrays.
        DecisionEngine.Scratch scratch = new DecisionEngine.Scratch();
        for (int trial = 0; trial < TRIALS; trial++) {
            long seed = base + trial;
            Random random = new Random(seed);
            String as = Seeds.replay(base) + ", trial " + trial;

            int size = random.nextInt(4) == 0 ? random.nextInt(2 * DecisionEngine.Scratch.BEST + 2) : random.nextInt(301);
            List<ServingCampaign> campaigns = campaigns(random, trial, size);
            scratch.clearCandidates();
            scratch.search.rotationSeed = random.nextLong();
            List<ServingCampaign> added = addInRandomWays(scratch, campaigns, random);

            boolean takesAll = random.nextBoolean();
            int wanted = takesAll ? Integer.MAX_VALUE : random.nextInt(added.size() + 1);
            List<ServingCampaign> handedOut = new ArrayList<>();
            boolean[] seen = new boolean[added.size()];
            while (handedOut.size() < wanted) {
                int next = scratch.nextRanked();
                if (next < 0) {
                    break;
                }
                assertThat(seen[next]).as(as + "\ncandidate " + next + " handed out twice").isFalse();
                seen[next] = true;
                ServingCampaign campaign = scratch.campaign(next);
                assertThat(campaign).as(as + "\ncandidate " + next).isSameAs(added.get(next));
                assertThat(scratch.featured[next]).as(as + "\nfeatured copy of " + campaign).isEqualTo(campaign.featured);
                handedOut.add(campaign);
            }

            List<ServingCampaign> sorted = new ArrayList<>(added);
            sorted.sort(rankOrder(scratch.search));
            String what = as + "\n" + added.size() + " candidates, " + (takesAll ? "all" : wanted) + " taken";
            if (takesAll) {
                assertThat(handedOut).as(what + ": every candidate, in rank order").isEqualTo(sorted);
                assertThat(scratch.nextRanked()).as(what + ": none left").isEqualTo(-1);
            } else {
                assertThat(handedOut).as(what + ": the best, in rank order").isEqualTo(sorted.subList(0, wanted));
            }
        }
    }

    /** The rank order (DecisionEngine): higher score, then higher rotation, then the smaller campaign id. */
    private static Comparator<ServingCampaign> rankOrder(SearchContext search) {
        return Comparator.comparingDouble((ServingCampaign c) -> c.score).reversed()
                .thenComparing(search::rotation, Comparator.reverseOrder())
                .thenComparing(c -> c.id.value());
    }

    /** Scores from a few values (many ties) or from many; about a third featured. */
    private static List<ServingCampaign> campaigns(Random random, int trial, int size) {
        int cpcs = random.nextBoolean() ? 1 + random.nextInt(3) : 1 + random.nextInt(200);
        int ctrs = random.nextBoolean() ? 1 : 1 + random.nextInt(20);
        List<ServingCampaign> campaigns = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Format format = random.nextInt(3) == 0 ? Format.FEATURED : Format.BOOSTED;
            Campaign campaign = Campaign.draft(new CampaignId("pcmp_t" + trial + "c" + i + "r" + random.nextInt(1000)),
                    ADVERTISER, Surface.PEOPLE_SEARCH, new TargetEntity(TargetEntityType.SERVICE_PROFILE,
                            "srv_t" + trial + "e" + i), TestData.settings().format(format).cpc(25 + random.nextInt(cpcs))
                            .build(), TestData.NOW);
            double predictedCtr = 0.01 + 0.005 * random.nextInt(ctrs);
            campaigns.add(IndexParts.servingCampaign(campaign, AdvertiserStatus.ACTIVE, BudgetState.empty(DAY), predictedCtr,
                    new int[0], new int[] {0}));
        }
        return campaigns;
    }

    /**
     * Adds the campaigns in random order as the decision does: some through the entity table (the scratch reads
     * the campaign only when it needs it), the others directly (an entity with several campaigns), and a few
     * twice. Returns the campaign of each candidate, by candidate number.
     */
    private static List<ServingCampaign> addInRandomWays(DecisionEngine.Scratch scratch, List<ServingCampaign> campaigns,
            Random random) {
        Map<String, Object> entries = new HashMap<>();
        for (ServingCampaign campaign : campaigns) {
            if (random.nextBoolean()) {
                entries.put(campaign.targetEntityId, campaign);
            }
        }
        EntityTable table = IndexParts.entityTable(entries);
        scratch.table = table;
        List<ServingCampaign> order = new ArrayList<>(campaigns);
        for (int i = 0; i < campaigns.size() / 10; i++) {
            order.add(campaigns.get(random.nextInt(campaigns.size())));
        }
        Collections.shuffle(order, random);
        List<ServingCampaign> added = new ArrayList<>(order.size());
        for (int organic = 0; organic < order.size(); organic++) {
            ServingCampaign campaign = order.get(organic);
            int slot = entries.containsKey(campaign.targetEntityId) ? table.find(campaign.targetEntityId) : -1;
            if (slot >= 0 && !table.hasSeveral(slot)) {
                scratch.addCandidate(null, slot, organic, table.score(slot), table.featured(slot));
            } else {
                scratch.addCandidate(campaign, -1, organic, campaign.score, campaign.featured);
            }
            added.add(campaign);
        }
        return added;
    }
}
