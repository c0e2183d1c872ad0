package io.promo.domain.serving.planted;

import io.promo.domain.serving.PlantedRootUsingARoom;

/** Planted for ServingRoomsTest: a room of serving using the root that uses it, a cycle. Never in production. */
public final class PlantedRoomUsingTheRoot {

    PlantedRootUsingARoom root;
}
