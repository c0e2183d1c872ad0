package io.promo.app.http;

import io.promo.domain.serving.ClickTokenHook;
import io.promo.domain.serving.DecideAdPage;
import io.promo.domain.serving.DecisionPage;
import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.PagePosition;
import io.promo.domain.traffic.ClickClaims;
import io.promo.domain.traffic.ClickTokenSigner;
import java.util.HashMap;
import java.util.Map;

/** Decides the page ({@link DecideAdPage}) and signs the click token of every sponsored position. */
public final class SignedDecisions implements DecisionService {

    private final DecideAdPage decideAdPage;
    private final ClickTokenSigner signer;

    public SignedDecisions(DecideAdPage decideAdPage, ClickTokenSigner signer) {
        this.decideAdPage = decideAdPage;
        this.signer = signer;
    }

    /** The client is not needed to decide; a service that logs impressions hashes it. */
    @Override
    public ServedPage serve(DecisionRequest request, Client client) {
        DecisionPage page = decideAdPage.decide(request);
        Map<String, String> tokens = new HashMap<>();
        for (PagePosition.Sponsored sponsored : page.sponsored()) {
            ClickTokenHook hook = sponsored.clickToken();
            tokens.put(hook.impressionId().value(), signer.sign(new ClickClaims(hook.impressionId(), hook.campaignId(),
                    hook.cpc(), hook.servedAt(), hook.surface(), hook.city(), hook.role(), hook.querySignature())));
        }
        return new ServedPage(page, tokens);
    }
}
