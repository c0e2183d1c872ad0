package io.promo.persistence;

import static io.promo.domain.testing.TestData.NOW;

import io.promo.domain.campaign.Format;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.TestData;
import io.promo.domain.traffic.EventDetail;
import io.promo.domain.traffic.ImpressionBuffer;
import io.promo.domain.traffic.ImpressionLog;
import io.promo.domain.traffic.TrafficEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The impression writer tests' log: records the batches it is given and can be made to block or fail; it also
 * starts writers on itself and makes impressions of one campaign to offer them.
 */
final class RecordingImpressionLog implements ImpressionLog {

    static final EventDetail SERVED = new EventDetail.Served(Surface.PEOPLE_SEARCH, 1, Money.ofCents(50), Format.FEATURED);

    private final CampaignId campaign = TestData.IDS.newCampaignId();
    final List<List<TrafficEvent>> batches = Collections.synchronizedList(new ArrayList<>());
    volatile CountDownLatch gate = new CountDownLatch(0);
    final AtomicInteger failuresLeft = new AtomicInteger();
    /** The next failure happens after the batch was stored, as when the connection breaks around a commit. */
    volatile boolean failAfterCommit;
    /** A permit for every append begun, before it waits at the gate. */
    private final Semaphore appendsBegun = new Semaphore(0);

    @Override
    public void appendImpressions(List<TrafficEvent> impressions) {
        appendsBegun.release();
        try {
            gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        if (failAfterCommit) {
            failAfterCommit = false;
            batches.add(List.copyOf(impressions));
            throw new IllegalStateException("connection lost while committing");
        }
        if (failuresLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("database down");
        }
        batches.add(List.copyOf(impressions));
    }

    @Override
    public boolean containsEvent(EventId eventId) {
        synchronized (batches) {
            return batches.stream().flatMap(List::stream).anyMatch(e -> e.eventId().equals(eventId));
        }
    }

    /** Forgets the appends begun so far: {@link #awaitAppendBegun()} then waits for the next. */
    void forgetAppendsBegun() {
        appendsBegun.drainPermits();
    }

    /** Waits until the writer is inside an append (at most 10 s): a test's close then meets it there. */
    void awaitAppendBegun() throws InterruptedException {
        if (!appendsBegun.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the writer began no append within 10 s");
        }
    }

    int written() {
        synchronized (batches) {
            return batches.stream().mapToInt(List::size).sum();
        }
    }


    /** A buffer with these settings and its writer, started on this log. */
    ImpressionWriter started(ImpressionBuffer.Settings settings) {
        return new ImpressionWriter(new ImpressionBuffer(settings), this);
    }

    /** {@code count} new impressions of this log's campaign. */
    List<TrafficEvent> impressions(int count) {
        List<TrafficEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EventId id = TestData.IDS.newEventId();
            events.add(new TrafficEvent(id, campaign, id, Optional.empty(), TestData.BERLIN, "ab",
                    Optional.empty(), Optional.of("cd"), "ef", "01", NOW, SERVED));
        }
        return events;
    }
}
