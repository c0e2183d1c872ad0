package io.promo.domain.conversion;

import io.promo.domain.shared.CampaignId;
import java.time.LocalDate;
import java.util.List;

/** Out port: a campaign's attributed conversions per budget day of their clicks, as the reports show them. */
public interface ConversionReportSource {

    /**
     * Per click budget day in {@code [from, to]}, days without conversions left out: the conversions credited to the
     * campaign's clicks of that day, by type, less those whose click was credited as invalid after the fact.
     */
    List<DayConversions> daily(CampaignId campaignId, LocalDate from, LocalDate to);
}
