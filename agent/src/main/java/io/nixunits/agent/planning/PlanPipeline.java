package io.nixunits.agent.planning;

import io.nixunits.agent.AgentException;
import io.nixunits.agent.runtime.RuntimeProbe;
import io.nixunits.agent.source.Checkout;
import io.nixunits.agent.source.DirectorySource;
import io.nixunits.agent.source.GitSource;
import io.nixunits.agent.source.SourceException;
import io.nixunits.model.StateModelException;
import io.nixunits.model.declaration.DeclarationReader;
import io.nixunits.model.declaration.DesiredState;
import io.nixunits.model.host.HostState;
import io.nixunits.model.host.HostStateReader;
import io.nixunits.model.host.StateLayout;
import io.nixunits.model.inventory.Inventory;
import io.nixunits.model.inventory.InventoryStore;
import io.nixunits.model.plan.Plan;
import io.nixunits.model.plan.PlanInput;
import io.nixunits.model.plan.Planner;
import io.nixunits.model.plan.RuntimeState;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a plan: obtain the declarations, read them, read the host and the inventory, ask
 * systemd what runs, then plan. It changes nothing on the host except the repository cache.
 */
public final class PlanPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(PlanPipeline.class);
    /** The shared modules directory used when none is named; it may be absent. */
    public static final String DEFAULT_MODULES = "modules";

    private final RuntimeProbe runtimeProbe;
    private final Clock clock;

    public PlanPipeline(RuntimeProbe runtimeProbe, Clock clock) {
        this.runtimeProbe = runtimeProbe;
        this.clock = clock;
    }

    public PlanReport plan(PlanSettings settings) throws AgentException, StateModelException {
        return plan(settings, checkout(settings));
    }

    /** Makes a plan from declarations already obtained, such as a commit the daemon fetched. */
    public PlanReport plan(PlanSettings settings, Checkout checkout) throws AgentException, StateModelException {
        // ask systemd what runs while the files are read: the probe mostly waits for machinectl
        CompletableFuture<RuntimeState> runtimeProbed = inBackground("runtime-probe", runtimeProbe::probe);

        // read actual state and ownership on another thread while this one reads the declarations
        StateLayout layout = new StateLayout(settings.stateDir());
        CompletableFuture<HostAndInventory> hostRead = inBackground("host-read", () -> readHost(layout));

        // read desired state
        Path modulesDir = DirectorySource.resolveInsideOrMissing(checkout.declarations(), settings.modulesPath(),
                checkout.location());
        if (modulesDir == null && !DEFAULT_MODULES.equals(settings.modulesPath())) {
            // A modules directory that was asked for by name must exist; only the default may be absent.
            throw new SourceException(checkout.location(), "shared modules directory " + settings.modulesPath()
                    + " not found in " + checkout.declarations() + ". Check --modules.", null);
        }
        DesiredState desired = new DeclarationReader(checkout.root()).read(checkout.declarations(), modulesDir);
        LOG.debug("read {} declarations and {} rejected ones from {}", desired.declarations().size(),
                desired.problems().size(), checkout.declarations());
        for (String ignored : desired.ignoredEntries()) {
            LOG.debug("skipping {} in {}: not a declaration directory", ignored, checkout.declarations());
        }

        HostAndInventory host = join(hostRead);
        HostState actual = host.actual();
        Inventory inventory = host.inventory();
        LOG.debug("read {} containers and {} inventory entries under {}", actual.containers().size(),
                inventory.entries().size(), settings.stateDir());
        RuntimeState runtime = runtimeProbed.join();

        // plan
        Plan plan = new Planner().plan(new PlanInput(desired, actual, runtime, inventory, settings.options()));
        if (!java.nio.file.Files.isDirectory(settings.stateDir())) {
            // A mistyped state root plans every container as new, so the plan warns about it.
            List<String> warnings = new java.util.ArrayList<>(plan.warnings());
            warnings.add("State root " + settings.stateDir() + " does not exist, so the host is planned as empty."
                    + " Check --state-dir unless this is the host's first run.");
            plan = new Plan(plan.containers(), warnings, plan.runtime());
        }
        LOG.debug("planned {} containers", plan.containers().size());
        return new PlanReport(plan, checkout, settings.stateDir(), settings.options(), clock.instant(), desired,
                actual, inventory);
    }

    /** The host state and the inventory, read together on the host thread. */
    private record HostAndInventory(HostState actual, Inventory inventory) {
    }

    private static HostAndInventory readHost(StateLayout layout) {
        try {
            HostState actual = new HostStateReader(layout).read();
            return new HostAndInventory(actual, new InventoryStore(layout.inventory()).read());
        } catch (StateModelException e) {
            throw new CompletionException(e);
        }
    }

    /** Waits for {@code read} and throws its failure as the read would have thrown it on this thread. */
    private static HostAndInventory join(CompletableFuture<HostAndInventory> read) throws StateModelException {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StateModelException checked) {
                throw checked;
            }
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw e;
        }
    }

    private static <T> CompletableFuture<T> inBackground(String name, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static Checkout checkout(PlanSettings settings) throws SourceException {
        if (settings.directory() != null) {
            return DirectorySource.checkout(settings.directory());
        }
        GitSource git = new GitSource(settings.repository(), settings.ref(), settings.cacheDir());
        return git.checkout(settings.path());
    }
}
