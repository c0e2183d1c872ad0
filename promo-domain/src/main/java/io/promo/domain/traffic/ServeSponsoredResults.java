package io.promo.domain.traffic;

import io.promo.domain.serving.ClickTokenHook;
import io.promo.domain.serving.DecideAdPage;
import io.promo.domain.serving.DecisionPage;
import io.promo.domain.serving.PagePosition;
import io.promo.domain.serving.Viewer;
import io.promo.domain.shared.UserId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: the page for a search ({@code POST /v1/decisions}): {@link DecideAdPage} places the sponsored results,
 * each gets a signed click token, and each is logged as one {@code impression} event through the
 * {@link ImpressionBuffer} (never waiting for the database; see there what happens when it is full).
 *
 * <p>An impression's event id is its impression id ({@code pevt_…_p3}): unique per sponsored slot, and it spares
 * the decision path a second random id per slot.
 */
public final class ServeSponsoredResults {

    private final DecideAdPage decideAdPage;
    private final ClickTokenSigner tokens;
    private final ClientHasher hasher;
    private final ImpressionBuffer impressions;

    public ServeSponsoredResults(DecideAdPage decideAdPage, ClickTokenSigner tokens, ClientHasher hasher,
            ImpressionBuffer impressions) {
        this.decideAdPage = decideAdPage;
        this.tokens = tokens;
        this.hasher = hasher;
        this.impressions = impressions;
    }

    public ServedPage serve(ServeCommand command) {
        Objects.requireNonNull(command, "command");
        DecisionPage page = decideAdPage.decide(command.request());
        List<PagePosition.Sponsored> sponsored = page.sponsored();
        String[] clickTokens = new String[page.positions().size()];
        if (sponsored.isEmpty()) {
            return new ServedPage(page, Arrays.asList(clickTokens), 0);
        }
        List<TrafficEvent> served = new ArrayList<>(sponsored.size());
        Optional<UserId> userId = page.viewer() instanceof Viewer.User user ? Optional.of(user.userId()) : Optional.empty();
        Optional<String> anonFpHash = page.viewer() instanceof Viewer.Anonymous anonymous
                ? Optional.of(hasher.fingerprint(anonymous.fingerprintHash())) : Optional.empty();
        String ipHash = hasher.ip(command.ip());
        String uaHash = hasher.userAgent(command.userAgent());
        for (PagePosition.Sponsored position : sponsored) {
            ClickTokenHook hook = position.clickToken();
            clickTokens[position.position() - 1] = tokens.sign(new ClickClaims(hook.impressionId(), hook.campaignId(),
                    hook.cpc(), hook.bid(), hook.servedAt(), hook.surface(), hook.city(), hook.role(), hook.querySignature()));
            served.add(new TrafficEvent(position.impressionId(), position.campaignId(), position.impressionId(),
                    page.role(), page.city(), page.querySignature(), userId, anonFpHash, ipHash, uaHash, page.servedAt(),
                    new EventDetail.Served(page.surface(), position.position(), position.cpc(), position.format())));
        }
        int taken = impressions.offer(served);
        return new ServedPage(page, Arrays.asList(clickTokens), served.size() - taken);
    }
}
