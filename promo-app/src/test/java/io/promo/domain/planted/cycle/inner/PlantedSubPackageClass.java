package io.promo.domain.planted.cycle.inner;

import io.promo.domain.planted.cycle.PlantedServingClass;

/** A planted violation (test code only): the sub-package half of the cycle with {@link PlantedServingClass}. */
public class PlantedSubPackageClass {
    PlantedServingClass outer;
}
