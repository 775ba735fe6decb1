package dev.stablewrites.harness.contract;


/**
 * The §6 properties against {@code bounce}: the device DMAs a copy taken at prep, so every property holds.
 */
class BounceContractTest extends StrategyContract {
    @Override
    protected String strategy() {
        return "bounce";
    }
}
