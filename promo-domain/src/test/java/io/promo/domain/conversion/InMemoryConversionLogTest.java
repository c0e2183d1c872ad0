package io.promo.domain.conversion;

import io.promo.domain.traffic.TrafficStores;

class InMemoryConversionLogTest extends ConversionLogContract {

    @Override
    protected TrafficStores stores() {
        return TrafficStores.inMemory();
    }
}
