package io.promo.domain.shared;

/** Where an ad shows; each surface promotes exactly one kind of marketplace entity. */
public enum Surface implements Coded {
    PEOPLE_SEARCH("people_search"),
    STUDIO_SEARCH("studio_search");

    private final String code;

    Surface(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static Surface parse(String field, String code) {
        return Coded.parse(Surface.class, field, code);
    }
}
