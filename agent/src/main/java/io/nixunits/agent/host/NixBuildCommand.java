package io.nixunits.agent.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the argument lists of the two {@code nix build} calls. */
final class NixBuildCommand {
    /** The properties of a base build, as the shell tool passed them: the base does not depend on them. */
    static final String PLACEHOLDER_PROPERTIES = "{\"id\": \"dummy\"}";

    private NixBuildCommand() {
    }

    /** Returns the base build into the shared store, with its GC root at {@code gcRoot}. */
    static List<String> base(NixSettings nix, BuildInput input, Path store, Path gcRoot) {
        List<String> command = new ArrayList<>(List.of("nix", "build", "--impure", "--out-link", gcRoot.toString(),
                "--store", store.toString()));
        addSettings(command, nix);
        String call = call(nix, input, null, string(PLACEHOLDER_PROPERTIES));
        command.addAll(List.of("--expr", call));
        return command;
    }

    /**
     * Returns the container build into the overlay at {@code merged}, which prints the built paths
     * as JSON. It uses {@code --json} because Nix 2.8 (Debian 12) has no {@code --print-out-paths}.
     */
    static List<String> container(NixSettings nix, BuildInput input, Path merged, Path parametersFile) {
        List<String> command = new ArrayList<>(List.of("nix", "build", "--impure", "--no-link", "--json",
                "--store", merged.toString()));
        addSettings(command, nix);
        String call = call(nix, input, input.id().value(), "builtins.readFile " + path(parametersFile));
        command.addAll(List.of("--expr", call));
        return command;
    }

    private static void addSettings(List<String> command, NixSettings nix) {
        if (nix.nixpkgs() != null && !nix.nixpkgs().isBlank()) {
            command.addAll(List.of("-I", "nixpkgs=" + nix.nixpkgs()));
        }
        command.addAll(nix.extraOptions());
    }

    /** Returns the call of mkContainer with its named arguments; {@code id} and the modules are left out when null. */
    private static String call(NixSettings nix, BuildInput input, String id, String propertiesExpression) {
        StringBuilder call = new StringBuilder("(").append(nix.mkContainer()).append(") { configFile = ")
                .append(path(input.configFile())).append(";");
        if (id != null) {
            call.append(" id = ").append(string(id)).append(";");
        }
        call.append(" propertiesJSON = ").append(propertiesExpression).append(";");
        if (input.modulesDir() != null) {
            call.append(" modulesDir = ").append(path(input.modulesDir())).append(";");
        }
        return call.append(" }").toString();
    }

    /** Returns a Nix path expression for any absolute path, including one with spaces or quotes. */
    static String path(Path path) {
        return "(/. + " + string(path.toAbsolutePath().toString()) + ")";
    }

    /** Returns a Nix string literal; backslash, double quote and the start of an interpolation are escaped. */
    static String string(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("${", "\\${") + "\"";
    }
}
