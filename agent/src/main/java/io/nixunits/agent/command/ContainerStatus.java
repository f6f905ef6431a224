package io.nixunits.agent.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nixunits.model.host.ContainerState;
import java.util.List;

/**
 * The report of {@code nixunits status} on one container, with the field names the shell version
 * printed. The machine fields are null, and left out of the JSON, when the container does not run.
 *
 * @param started whether the container runs, or null (left out of the JSON) when systemd-machined
 *     cannot be reached
 * @param status initial, created, configured or started, as {@link ContainerState#status} defines them
 * @param needStoreBuild whether the base build is missing from the shared store
 * @param needContainerBuild whether the container has no build of its current inputs
 * @param needSwitch whether a finished build waits in tmp/root_futur
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ContainerStatus(
        String id,
        Boolean started,
        String status,
        @JsonProperty("in_nixos") boolean inNixos,
        @JsonProperty("need_container_build") boolean needContainerBuild,
        @JsonProperty("need_store_build") boolean needStoreBuild,
        @JsonProperty("need_switch") boolean needSwitch,
        String os,
        String version,
        List<String> addresses) {

    /** Returns the human summary: the status line, then what is needed, then the machine's details. */
    List<String> summary() {
        List<String> needs = new java.util.ArrayList<>();
        if (needStoreBuild) {
            needs.add("base build");
        }
        if (needContainerBuild) {
            needs.add("container build");
        }
        if (needSwitch) {
            needs.add("switch");
        }
        List<String> lines = new java.util.ArrayList<>();
        String running = ", not running";
        if (started == null) {
            running = ", running unknown";
        } else if (started) {
            running = ", running";
        }
        lines.add(id + ": " + status + running
                + (inNixos ? ", declared in the host's NixOS configuration" : ""));
        lines.add("  needs: " + (needs.isEmpty() ? "nothing" : String.join(", ", needs)));
        if (Boolean.TRUE.equals(started)) {
            lines.add("  os: " + (os == null ? "unknown" : os) + (version == null ? "" : " " + version));
            lines.add("  addresses: " + (addresses == null || addresses.isEmpty() ? "none"
                    : String.join(", ", addresses)));
        }
        return lines;
    }
}
