package io.promo.domain.serving.index;

import java.time.LocalDate;

/**
 * What changed, of what the serving index is built from, since a cursor (ADR 0038): the out port of the incremental
 * refresh. An adapter may answer more than changed (a row read again is harmless: the index takes the row as it is
 * now), never less: a change committed after the read that made {@code cursor} is in the answer, however late its
 * transaction began.
 */
public interface ServingChanges {

    /**
     * The rows changed since {@code cursor} and a cursor to ask with next time; from {@link ChangeCursor#ORIGIN}, every
     * row ({@link ServingChangeSet#complete()}). Every campaign answered comes with its budget state on {@code day}.
     */
    ServingChangeSet changesSince(ChangeCursor cursor, LocalDate day);
}
