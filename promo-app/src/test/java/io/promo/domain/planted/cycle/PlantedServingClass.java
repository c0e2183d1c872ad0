package io.promo.domain.planted.cycle;

import io.promo.domain.planted.cycle.inner.PlantedSubPackageClass;

/**
 * A planted violation (test code only), with {@link PlantedSubPackageClass}: a package and its sub-package that
 * use each other, as {@code serving} and a sub-package split from it could.
 */
public class PlantedServingClass {
    PlantedSubPackageClass inner;
}
