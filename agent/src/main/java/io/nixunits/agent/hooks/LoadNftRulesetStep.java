package io.nixunits.agent.hooks;

import java.nio.file.Path;
import java.util.List;

/** Loads the container's nftables ruleset ({@code NFT_FILE}) into its network namespace. */
final class LoadNftRulesetStep {
    private LoadNftRulesetStep() {
    }

    /**
     * NOTE: nft adds the file's rules to what the namespace already has, so a re-run on a running
     * container doubles rules unless the ruleset starts with its own {@code flush ruleset} or
     * {@code destroy table}. The hook does not flush first, because other rules in the namespace
     * may belong to the container's own firewall.
     */
    static void run(HookRun run) throws HookException {
        String nftFile = run.conf().nftFile();
        if (nftFile == null) {
            return;
        }
        if (run.conf().networkMode() == NetworkMode.HOST) {
            throw run.error("NFT_FILE is set, but the container shares the host's network namespace (NSPAWN_ARGS"
                    + " has no network option), so the ruleset would replace the host's own. Declare"
                    + " network.interfaces or network.netns_path, or remove network.nft.");
        }
        Path file = ContainerFiles.resolve(run, nftFile, "NFT_FILE");
        run.log("loading the nftables ruleset {}", file);
        run.check("loading the nftables ruleset " + file, run.inNetworkNamespace("nft", "-f", file.toString()));
    }

}
