package io.promo.embedded;

import io.promo.domain.serving.DecisionPage;
import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.PagePosition;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.traffic.ServeCommand;
import io.promo.domain.traffic.ServeSponsoredResults;
import io.promo.domain.traffic.ServedPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The search service's client of promo, in process: decides a page exactly as {@code POST /v1/decisions} does, with
 * the same use case ({@code ServeSponsoredResults}): the sponsored results placed from the serving index in memory,
 * a signed click token for each, each impression handed to the buffer that a background thread writes. A decision
 * never waits for the database. Safe for any number of threads. Obtained from {@link Promo#serving()}.
 */
public final class SearchAds {

    private final Promo promo;
    private final ServeSponsoredResults decisions;

    SearchAds(Promo promo, ServeSponsoredResults decisions) {
        this.promo = promo;
        this.decisions = decisions;
    }

    /**
     * Decides the page for {@code request}.
     *
     * @param request the search
     * @return the decided page: every position, the sponsored ones with their click tokens
     * @throws InvalidCommandException when the request is broken, naming every broken field as the HTTP API does
     *                                 ({@code surface}, {@code city}, {@code viewer}, {@code organic_matches},
     *                                 {@code client.ip}, …); nothing was decided or logged
     * @throws IllegalStateException   when the promo this client came from is closed
     * @throws NullPointerException    when {@code request} is null
     */
    public AdPage decide(AdRequest request) {
        Objects.requireNonNull(request, "request");
        promo.requireOpen();
        DecisionRequest decision = DecisionRequest.parse(request.surface(), request.role(), request.city(),
                request.query() == null ? "" : request.query(), request.userId(), request.anonymousFingerprint(),
                request.pageSize(), request.organicMatches(), request.memoryToken());
        ServedPage served = decisions.serve(new ServeCommand(decision, request.clientIp(), request.clientUserAgent()));
        DecisionPage page = served.page();
        List<AdPage.Result> results = new ArrayList<>(page.positions().size());
        for (PagePosition position : page.positions()) {
            results.add(position instanceof PagePosition.Sponsored s
                    ? new AdPage.Result(s.position(), s.entityId(), true, s.campaignId().value(), s.format().code(),
                            s.impressionId().value(), s.cpc().cents(), served.clickToken(s), s.price().cents())
                    : new AdPage.Result(position.position(), position.entityId(), false, null, null, null, null, null,
                            null));
        }
        return new AdPage(page.servedAt(), page.surface().code(), page.role().map(RoleCode::value).orElse(null),
                page.city().value(), page.querySignature(), results, served.impressionsDropped(),
                page.memoryToken().orElse(null));
    }
}
