package io.promo.domain.planted;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A planted violation (test code only): a domain class that schedules its own background work. */
public class DomainClassUsingAnExecutor {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
}
