package dev.stablewrites.harness.contract;

import dev.stablewrites.core.block.BlkStatus;
import dev.stablewrites.core.strategy.BioCompletion;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.core.strategy.StrategyModule;
import dev.stablewrites.core.sched.StepResult;
import java.util.List;

/**
 * The strawman that proves {@code NO_SILENT_CORRUPTION} closes the hole: a test-only fix that
 * turns the device's check off by regenerating the tuples at completion and resubmitting, with no
 * retry limit ({@code recheck-resubmit} with an endless limit). It holds every property that asks
 * what a fix costs (no false EIO, no oops, nothing lost, everything readable) on every scenario,
 * and looks cheaper than {@code bounce}; only the faulty runs show that it writes corrupt bytes and
 * reports success.
 */
class RegenerateAtCompletionContractTest extends StrategyContract {
    /** On {@code BLK_STS_PROTECTION}: take the bio over, regenerate its tuples from memory now, resubmit; always. */
    public static final class RegenerateAtCompletion implements Strategy {
        @Override
        public String description() {
            return "test-only strawman: on a protection error regenerate the tuples and resubmit, without limit";
        }

        @Override
        public void bioEndIo(BioCompletion completion, Steps steps) {
            if (completion.bio().status() != BlkStatus.PROTECTION) {
                return;
            }
            completion.takeOver();
            steps.add("queue_work(resubmit)", completion.bio().vecs().get(0).page(), irq -> {
                completion.kernel().queueResubmit(completion, true);
                return StepResult.DONE;
            });
        }
    }

    @Override
    protected String strategy() {
        return "regenerate-at-completion";
    }

    @Override
    protected StrategyCatalog catalog() {
        return StrategyCatalog.of(List.of(new StrategyModule() {
            @Override
            protected void configure() {
                strategy("regenerate-at-completion", RegenerateAtCompletion.class);
            }
        }));
    }

    @Override
    protected Expectations expectations() {
        return Expectations.sound().blessesFaultsEverywhere();
    }
}
