package io.promo.billing.planted;

import org.eclipse.jetty.server.Server;

/** A planted violation (test code only): an adapter other than HTTP that knows the servlet container. */
public class BillingClassUsingJetty {
    Server server;
}
