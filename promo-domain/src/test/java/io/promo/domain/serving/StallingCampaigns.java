package io.promo.domain.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.campaign.ForwardingCampaignRepository;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The campaign store as the serving index reads it, counting its full reads, whose next read can be made to hang
 * like a database under a lock: before it reads ({@link #stallBeforeRead}), or after it has read and before it
 * answers ({@link #stallAfterRead}: a snapshot taken before a later commit).
 */
public final class StallingCampaigns extends ForwardingCampaignRepository {

    public final AtomicInteger reads = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile boolean readFirst;
    private final CountDownLatch stalledRead = new CountDownLatch(1);

    public StallingCampaigns(CampaignRepository store) {
        super(store);
    }

    public void stallBeforeRead() {
        readFirst = false;
        gate = new CountDownLatch(1);
    }

    public void stallAfterRead() {
        readFirst = true;
        gate = new CountDownLatch(1);
    }

    public void resume() {
        gate.countDown();
    }

    public void awaitStalledRead() throws InterruptedException {
        assertThat(stalledRead.await(5, TimeUnit.SECONDS)).as("a read reached the stalled store").isTrue();
    }

    @Override
    public List<Campaign> findAll() {
        reads.incrementAndGet();
        CountDownLatch current = gate;
        List<Campaign> read = readFirst ? super.findAll() : null;
        if (current.getCount() > 0) {
            stalledRead.countDown();
            try {
                current.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return read != null ? read : super.findAll();
    }
}
