package io.promo.app;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.advertiser.ChangeAdvertiserStatusCommand;
import io.promo.domain.advertiser.CreateAdvertiserCommand;
import io.promo.domain.advertiser.PaymentReference;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.CampaignSettings;
import io.promo.domain.campaign.ChangeCampaignStatusCommand;
import io.promo.domain.campaign.CreateCampaignCommand;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.campaign.TargetEntity;
import io.promo.domain.campaign.UpdateCampaignCommand;
import io.promo.domain.ledger.BillClickCommand;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.BudgetSummary;
import io.promo.domain.ledger.Discrepancy;
import io.promo.domain.ledger.FundingCommand;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.ledger.LedgerPage;
import io.promo.domain.ledger.SpendOutcome;
import io.promo.domain.pricing.EffectivePolicy;
import io.promo.domain.pricing.Policy;
import io.promo.domain.pricing.PolicyScope;
import io.promo.domain.pricing.UpsertPolicyCommand;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.UserId;
import io.promo.domain.shared.Violation;
import io.promo.persistence.ConnectionPool;
import io.promo.persistence.DatabaseMigrator;
import io.promo.persistence.EmbeddedPostgresServer;
import io.promo.persistence.PostgresRepositories;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code ./promo demo}: a small marketplace authored through the use cases on a throw-away embedded
 * PostgreSQL, with the refusals a real advertiser would meet, then listed as the database holds it.
 */
final class DemoCommand {

    private static final CityCode BERLIN = CityCode.parse("city", "Berlin");
    private static final CityCode PARIS = CityCode.parse("city", "Paris");
    private static final CityCode SAO_PAULO = CityCode.parse("city", "São Paulo");

    private final PrintStream out;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    void run() {
        try (EmbeddedPostgresServer database = EmbeddedPostgresServer.start();
             ConnectionPool pool = ConnectionPool.open(database, 4)) {
            String version = DatabaseMigrator.migrate(pool.dataSource());
            out.printf("Embedded PostgreSQL %s on port %d, migrated to schema version %s.%n%n",
                    database.setting("server_version"), database.port(), version);
            Clock clock = Clock.system(ZoneOffset.UTC);
            UseCases promo = new UseCases(new PostgresRepositories(pool.dataSource(), BudgetCalendar.UTC.zone()),
                    DeploymentDefaults.POLICY_LIMITS, BudgetCalendar.UTC, clock);
            new Story(promo, LocalDate.now(clock), clock).tell();
        }
    }

    private final class Story {
        private final UseCases promo;
        private final LocalDate today;
        private final Clock clock;

        Story(UseCases promo, LocalDate today, Clock clock) {
            this.promo = promo;
            this.today = today;
            this.clock = clock;
        }

        void tell() {
            section("1. An admin sets floors and density caps per surface, role and city");
            policy(Surface.PEOPLE_SEARCH, null, BERLIN, 40, 2, 1);
            policy(Surface.PEOPLE_SEARCH, "photographer", BERLIN, 60, 3, 1);
            policy(Surface.PEOPLE_SEARCH, null, PARIS, 35, 2, 1);
            policy(Surface.STUDIO_SEARCH, null, BERLIN, 80, 2, 1);
            policy(Surface.STUDIO_SEARCH, null, SAO_PAULO, 25, 1, 0);
            out.print(policiesTable());
            EffectivePolicy photographers = promo.policyCatalog.resolve(Surface.PEOPLE_SEARCH,
                    Optional.of(new RoleCode("photographer")), BERLIN);
            EffectivePolicy models = promo.policyCatalog.resolve(Surface.PEOPLE_SEARCH,
                    Optional.of(new RoleCode("model")), BERLIN);
            EffectivePolicy london = promo.policyCatalog.resolve(Surface.PEOPLE_SEARCH,
                    Optional.empty(), CityCode.parse("city", "London"));
            out.printf("Floor for photographers in berlin: %s (%s); for models: %s (%s); anyone in london: %s (%s)%n",
                    photographers.limits().cpcFloor(), photographers.source(),
                    models.limits().cpcFloor(), models.source(),
                    london.limits().cpcFloor(), london.source());

            section("2. An admin onboards advertisers");
            Advertiser lena = advertiser("usr_lena", "cus_lena/pm_visa");
            Advertiser marco = advertiser("usr_marco", "cus_marco/pm_mc");
            Advertiser kreuzberg = advertiser("usr_studio_kreuzberg", "cus_kb/pm_sepa");
            Advertiser luz = advertiser("usr_luz", null);
            out.print(advertisersTable());

            section("3. Advertisers author draft campaigns (every rule checked, refusals explained)");
            Campaign portraits = campaign(lena, "Lena — portraits in Berlin", Surface.PEOPLE_SEARCH,
                    TargetEntity.parse("service_profile", "srv_lena_photo"), Format.FEATURED, List.of(BERLIN),
                    List.of("Portrait", "headshot", "Porträt", "HEADSHOT "), 60, 1_500, 30_000L, PacingMode.EVEN);
            Campaign weddings = campaign(lena, "Lena — weddings", Surface.PEOPLE_SEARCH,
                    TargetEntity.parse("service_profile", "srv_lena_photo"), Format.BOOSTED, List.of(BERLIN, PARIS),
                    List.of("wedding", "hochzeit", "mariage"), 45, 2_000, null, PacingMode.ACCELERATED);
            Campaign modeling = campaign(marco, "Marco — runway & editorial", Surface.PEOPLE_SEARCH,
                    TargetEntity.parse("service_profile", "srv_marco_model"), Format.FEATURED, List.of(PARIS),
                    List.of(), 50, 1_000, 10_000L, PacingMode.EVEN);
            Campaign studio = campaign(kreuzberg, "Daylight studio, Kreuzberg", Surface.STUDIO_SEARCH,
                    TargetEntity.parse("studio", "std_kreuzberg_loft"), Format.FEATURED, List.of(BERLIN),
                    List.of("daylight", "loft"), 90, 5_000, 100_000L, PacingMode.EVEN);
            Campaign saoPaulo = campaign(luz, "Estúdio Luz", Surface.STUDIO_SEARCH,
                    TargetEntity.parse("studio", "std_luz"), Format.BOOSTED, List.of(SAO_PAULO),
                    List.of("estúdio", "Estudio"), 30, 600, null, PacingMode.ACCELERATED);
            campaign(marco, "Cheap clicks everywhere", Surface.PEOPLE_SEARCH,
                    TargetEntity.parse("service_profile", "srv_marco_model"), Format.BOOSTED, List.of(BERLIN, PARIS),
                    List.of(), 20, 1_000, null, PacingMode.ACCELERATED);
            campaign(kreuzberg, "Studio on the people tab", Surface.PEOPLE_SEARCH,
                    TargetEntity.parse("studio", "std_kreuzberg_loft"), Format.FEATURED, List.of(BERLIN),
                    List.of(), 100, 50, 20L, PacingMode.EVEN);

            section("4. The lifecycle: draft → active → paused ⇄ active → ended; admins suspend");
            act("lena", Actor.tenant(lena.id()), portraits, CampaignAction.ACTIVATE);
            act("lena", Actor.tenant(lena.id()), weddings, CampaignAction.ACTIVATE);
            act("marco", Actor.tenant(marco.id()), modeling, CampaignAction.ACTIVATE);
            act("kreuzberg", Actor.tenant(kreuzberg.id()), studio, CampaignAction.ACTIVATE);
            act("luz", Actor.tenant(luz.id()), saoPaulo, CampaignAction.ACTIVATE);
            act("lena", Actor.tenant(lena.id()), weddings, CampaignAction.PAUSE);
            act("marco", Actor.tenant(marco.id()), modeling, CampaignAction.END);
            act("marco", Actor.tenant(marco.id()), modeling, CampaignAction.RESUME);
            act("marco (not its owner)", Actor.tenant(marco.id()), portraits, CampaignAction.PAUSE);
            act("luz", Actor.tenant(luz.id()), saoPaulo, CampaignAction.SUSPEND);
            act("admin", Actor.ADMIN, saoPaulo, CampaignAction.SUSPEND);
            report("admin suspends the advertiser luz", promo.changeAdvertiserStatus.change(
                    new ChangeAdvertiserStatusCommand(Actor.ADMIN, luz.id(), AdvertiserStatus.SUSPENDED)));
            report("lena raises the cpc of \"" + portraits.settings().name() + "\" to 2,000¢",
                    promo.updateCampaign.update(UpdateCampaignCommand.of(Actor.tenant(lena.id()), portraits.id())
                            .withCpc(Money.ofCents(2_000))));
            report("lena raises the cpc to 75¢ and adds paris", promo.updateCampaign.update(
                    UpdateCampaignCommand.of(Actor.tenant(lena.id()), portraits.id())
                            .withCpc(Money.ofCents(75)).withCityTargets(List.of(BERLIN, PARIS))));

            section("5. Money: prepaid top-ups, clicks billed against every budget, corrections");
            fund("lena tops up \"" + portraits.settings().name() + "\" by 5,000¢ (Stripe pi_demo_1)",
                    FundingCommand.topUp(portraits.id(), Money.ofCents(5_000), IdempotencyKey.STRIPE, "pi_demo_1"));
            fund("Stripe's webhook reports the same payment again",
                    FundingCommand.topUp(portraits.id(), Money.ofCents(5_000), IdempotencyKey.STRIPE, "pi_demo_1"));
            fund("kreuzberg tops up its studio campaign by 200¢",
                    FundingCommand.topUp(studio.id(), Money.ofCents(200), IdempotencyKey.STRIPE, "pi_demo_2"));
            clicks(portraits, 25, "pevt_demo_portrait_");
            clicks(studio, 4, "pevt_demo_studio_");
            clicks(modeling, 1, "pevt_demo_model_");
            report("the first portrait click arrives a second time", promo.billClick.bill(new BillClickCommand(
                    portraits.id(), new EventId("pevt_demo_portrait_1"), Money.ofCents(75), clock.instant())));
            fund("admin credits lena 150¢ for two clicks found invalid",
                    FundingCommand.credit(Actor.ADMIN, portraits.id(), Money.ofCents(150), "2 invalid clicks", "cr_demo_1"));
            fund("Stripe refunds 1,000¢ of lena's top-up",
                    FundingCommand.adjustment(portraits.id(), Money.ofCents(-1_000), IdempotencyKey.STRIPE, "re_demo_1",
                            "charge.refunded"));
            out.println();
            out.print(budgetsTable(List.of(portraits, weddings, studio, saoPaulo)));
            out.println();
            out.printf("Newest entries of \"%s\":%n", portraits.settings().name());
            out.print(ledgerTable(portraits));
            out.println();
            List<Discrepancy> discrepancies = promo.budgetQueries.reconcile(Actor.ADMIN).orElseThrow();
            out.printf("Reconcile: %s%n", discrepancies.isEmpty()
                    ? "every counter equals the ledger's sums (I7)" : discrepancies);

            section("6. What the database now holds");
            out.print(advertisersTable());
            out.println();
            out.print(campaignsTable());
        }

        private void fund(String what, FundingCommand command) {
            Outcome<BudgetLedger.Recorded> outcome = promo.recordFunding.record(command);
            if (outcome instanceof Outcome.Accepted<BudgetLedger.Recorded> accepted) {
                LedgerEntry entry = accepted.value().entry();
                out.printf("  OK        %s → %s %+d¢%s%n", what, entry.kind().code(), entry.balanceEffect().cents(),
                        accepted.value().newlyWritten() ? "" : " (already recorded: nothing written)");
            } else {
                report(what, outcome);
            }
        }

        private void clicks(Campaign stale, int count, String eventPrefix) {
            // The cpc a click carries is the campaign's current one (its serve-time cpc in real traffic).
            Campaign campaign = promo.campaignQueries.get(Actor.ADMIN, stale.id()).orElseThrow();
            Map<String, Integer> outcomes = new TreeMap<>();
            for (int i = 1; i <= count; i++) {
                SpendOutcome outcome = promo.billClick.bill(new BillClickCommand(campaign.id(),
                        new EventId(eventPrefix + i), campaign.settings().cpc(), clock.instant()));
                String key = outcome instanceof SpendOutcome.NotBilled notBilled
                        ? "not billed: " + notBilled.reason() : "billed";
                outcomes.merge(key, 1, Integer::sum);
            }
            out.printf("  CLICKS    %d on \"%s\" at %s each → %s%n", count, campaign.settings().name(),
                    campaign.settings().cpc(), outcomes);
        }

        private String budgetsTable(List<Campaign> shown) {
            TextTable table = new TextTable("campaign", "status", "daily", "total", "balance", "spent_today",
                    "spent_total", "remaining_today");
            for (Campaign c : shown) {
                Campaign current = promo.campaignQueries.get(Actor.ADMIN, c.id()).orElseThrow();
                BudgetSummary money = promo.budgetQueries.summary(Actor.ADMIN, c.id()).orElseThrow();
                table.row(current.settings().name(), current.status().code(), current.settings().dailyBudget().cents(),
                        current.settings().totalBudget().map(m -> String.valueOf(m.cents())).orElse("-"),
                        money.balance().cents(), money.spentToday().cents(), money.spentTotal().cents(),
                        money.remainingToday().cents());
            }
            return table.render();
        }

        private String ledgerTable(Campaign campaign) {
            TextTable table = new TextTable("entry_id", "kind", "amount_cents", "processor", "processor_ref", "reason");
            for (LedgerEntry e : promo.budgetQueries.entries(Actor.ADMIN, campaign.id(), LedgerPage.first(6)).orElseThrow()) {
                table.row(e.id(), e.kind().code(), e.amount().cents(), e.idempotencyKey().source(),
                        e.idempotencyKey().reference(), e.reason().orElse("-"));
            }
            return table.render();
        }

        private void policy(Surface surface, String role, CityCode city, long floor, int density, int fold) {
            PolicyScope scope = new PolicyScope(surface, Optional.ofNullable(role).map(r -> RoleCode.parse("role", r)), city);
            promo.upsertPolicy.upsert(new UpsertPolicyCommand(Actor.ADMIN, scope, floor, density, fold)).orElseThrow();
        }

        private Advertiser advertiser(String userId, String payment) {
            return promo.createAdvertiser.create(new CreateAdvertiserCommand(Actor.ADMIN, new UserId(userId),
                    Optional.ofNullable(payment).map(p -> PaymentReference.parse("default_payment_id", p)))).orElseThrow();
        }

        private Campaign campaign(Advertiser owner, String name, Surface surface, TargetEntity target, Format format,
                List<CityCode> cities, List<String> keywords, long cpc, long daily, Long total, PacingMode pacing) {
            CampaignSettings settings = new CampaignSettings(name, format, cities, keywords, today,
                    Optional.of(today.plusDays(30)), Money.ofCents(cpc), Money.ofCents(daily),
                    Optional.ofNullable(total).map(Money::ofCents), pacing);
            Outcome<Campaign> outcome = promo.createCampaign.create(
                    new CreateCampaignCommand(Actor.tenant(owner.id()), owner.id(), surface, target, settings));
            report("create \"" + name + "\"", outcome);
            return outcome instanceof Outcome.Accepted<Campaign> accepted ? accepted.value() : null;
        }

        private void act(String who, Actor actor, Campaign campaign, CampaignAction action) {
            report(who + " " + action.code() + "s \"" + campaign.settings().name() + "\"",
                    promo.changeCampaignStatus.change(new ChangeCampaignStatusCommand(actor, campaign.id(), action)));
        }

        private void report(String what, SpendOutcome outcome) {
            out.printf("  %s %s%n", outcome.isBilled() ? "OK       " : "REFUSED  ", what
                    + (outcome instanceof SpendOutcome.NotBilled notBilled ? "\n            not billed: " + notBilled.reason() : ""));
        }

        private void report(String what, Outcome<?> outcome) {
            if (outcome instanceof Outcome.Rejected<?> rejected) {
                out.printf("  REFUSED   %s%n            %s: %s%n", what, rejected.rejection().kind(),
                        rejected.rejection().violations().isEmpty()
                                ? rejected.rejection().detail()
                                : rejected.rejection().violations().stream().map(Violation::toString)
                                        .collect(Collectors.joining("\n            ")));
            } else {
                Object value = ((Outcome.Accepted<?>) outcome).value();
                String status = value instanceof Campaign c ? " → " + c.status().code()
                        : value instanceof Advertiser a ? " → " + a.status().code() : "";
                out.printf("  OK        %s%s%n", what, status);
            }
        }

        private String policiesTable() {
            TextTable table = new TextTable("policy_id", "surface", "role", "city", "cpc_floor_cents",
                    "max_density_top20", "max_above_fold");
            for (Policy p : promo.policyCatalog.listPolicies()) {
                table.row(p.id(), p.scope().surface().code(), p.scope().role().map(RoleCode::value).orElse("(any)"),
                        p.scope().city(), p.limits().cpcFloor().cents(), p.limits().maxDensityTop20(),
                        p.limits().maxAboveFold());
            }
            return table.render();
        }

        private String advertisersTable() {
            TextTable table = new TextTable("advertiser_id", "user_id", "default_payment_id", "status");
            for (Advertiser a : advertisers()) {
                table.row(a.id(), a.userId(), a.defaultPayment().map(PaymentReference::value).orElse("-"),
                        a.status().code());
            }
            return table.render();
        }

        private String campaignsTable() {
            TextTable table = new TextTable("campaign_id", "name", "surface", "target", "format", "cities",
                    "keywords", "cpc", "daily", "total", "pacing", "status");
            for (Advertiser a : advertisers()) {
                for (Campaign c : promo.campaignQueries.list(Actor.ADMIN, a.id())) {
                    CampaignSettings s = c.settings();
                    table.row(c.id(), s.name(), c.surface().code(), c.target().id(), s.format().code(),
                            s.cityTargets().stream().map(CityCode::value).collect(Collectors.joining(",")),
                            s.keywordTargets().isEmpty() ? "-" : String.join(",", s.keywordTargets()),
                            s.cpc().cents(), s.dailyBudget().cents(),
                            s.totalBudget().map(m -> String.valueOf(m.cents())).orElse("-"),
                            s.pacingMode().code(), c.status().code());
                }
            }
            return table.render();
        }

        private List<Advertiser> advertisers() {
            return promo.advertiserQueries.list(Actor.ADMIN);
        }

        private void section(String title) {
            out.printf("%n== %s ==%n", title);
        }
    }
}
