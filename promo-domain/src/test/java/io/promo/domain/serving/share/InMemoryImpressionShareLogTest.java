package io.promo.domain.serving.share;

class InMemoryImpressionShareLogTest extends ImpressionShareLogContract {

    @Override
    protected ImpressionShareLog emptyLog() {
        return new InMemoryImpressionShareLog();
    }
}
