package io.nixunits.agent.converge;

import io.nixunits.model.ContainerId;
import java.time.Duration;

/** Receives the start and end of each step, for a progress display. Called from several threads. */
public interface ApplyProgress {
    ApplyProgress NONE = new ApplyProgress() {
        @Override
        public void stepStarted(ContainerId id, String step) {
        }

        @Override
        public void stepFinished(ContainerId id, String step, Duration elapsed, boolean succeeded) {
        }
    };

    void stepStarted(ContainerId id, String step);

    void stepFinished(ContainerId id, String step, Duration elapsed, boolean succeeded);

    /** Called once when apply ends, so a display can clear its line. */
    default void finished() {
    }
}
