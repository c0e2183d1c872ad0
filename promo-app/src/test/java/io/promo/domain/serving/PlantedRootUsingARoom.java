package io.promo.domain.serving;

import io.promo.domain.serving.planted.PlantedRoomUsingTheRoot;

/** Planted for ServingRoomsTest: the root of serving using a room that uses the root, a cycle. Never in production. */
public final class PlantedRootUsingARoom {

    PlantedRoomUsingTheRoot room;
}
