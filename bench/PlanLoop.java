import io.nixunits.agent.planning.PlanPipeline;
import io.nixunits.agent.planning.PlanReport;
import io.nixunits.agent.planning.PlanSettings;
import io.nixunits.agent.process.ProcessRunner;
import io.nixunits.agent.runtime.RuntimeProbe;
import io.nixunits.model.plan.PlanOptions;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Plans the same declarations and state root RUNS times in one JVM and prints each duration:
 * the first run pays class loading and interpretation, the later ones show the cost of
 * planning itself, as the daemon pays it.
 *
 * Usage: javac -d CLASSES -cp agent/target/nixunits-agent.jar bench/PlanLoop.java, then
 * java -cp agent/target/nixunits-agent.jar:CLASSES PlanLoop DECLARATIONS STATE REVISION RUNS. Run as
 * a source file, the compilation would warm the JVM before the first planning.
 */
public final class PlanLoop {
    public static void main(String[] args) throws Exception {
        Path declarations = Path.of(args[0]);
        Path state = Path.of(args[1]);
        int runs = Integer.parseInt(args[3]);
        PlanSettings settings = new PlanSettings(null, null, null, declarations, "modules", state,
                state.resolve("agent/repositories"), new PlanOptions("x86_64-linux", args[2], false));
        PlanPipeline pipeline = new PlanPipeline(new RuntimeProbe(new ProcessRunner()), Clock.systemUTC());
        for (int run = 1; run <= runs; run++) {
            long start = System.nanoTime();
            PlanReport report = pipeline.plan(settings);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("run " + run + ": " + millis + " ms, " + report.plan().containers().size()
                    + " containers");
        }
    }
}
