package io.promo.domain.shared;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum whose constants are stored and exchanged as the seed's lower-case codes. */
public interface Coded {

    String code();

    /** The constant whose code is {@code code}, or an {@link InvalidCommandException} naming the field and the choices. */
    static <E extends Enum<E> & Coded> E parse(Class<E> type, String field, String code) {
        for (E constant : type.getEnumConstants()) {
            if (constant.code().equals(code)) {
                return constant;
            }
        }
        String choices = Arrays.stream(type.getEnumConstants()).map(Coded::code).collect(Collectors.joining(", "));
        throw InvalidCommandException.of(field, "must be one of " + choices + " (got " + (code == null ? "nothing" : "'" + code + "'") + ")");
    }
}
