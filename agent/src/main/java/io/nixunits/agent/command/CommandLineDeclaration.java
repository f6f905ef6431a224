package io.nixunits.agent.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.nixunits.agent.AgentException;
import io.nixunits.agent.host.BuildInput;
import io.nixunits.model.ContainerId;
import io.nixunits.model.InvalidContainerIdException;
import io.nixunits.model.declaration.Declaration;
import io.nixunits.model.declaration.DeclarationException;
import io.nixunits.model.declaration.DeclarationReader;
import io.nixunits.model.declaration.SharedModules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A declaration given on the command line: config.nix as a file or on standard input ({@code -}),
 * properties.json as a file, and the id from {@code -i} or from the properties. The files are
 * checked with the rules of a declarations directory. Config read from standard input is written
 * to a temporary file for Nix, which {@link #close} deletes.
 */
final class CommandLineDeclaration implements AutoCloseable {
    static final String STANDARD_INPUT = "-";

    private final BuildInput input;
    private final Path temporaryConfig;

    private CommandLineDeclaration(BuildInput input, Path temporaryConfig) {
        this.input = input;
        this.temporaryConfig = temporaryConfig;
    }

    /**
     * Reads and checks the declaration.
     *
     * @param config the path of config.nix, or "-" for standard input
     * @param givenId the id given with -i, or null to take the "id" of the properties
     */
    static CommandLineDeclaration read(String config, Path properties, ContainerId givenId, InputStream in)
            throws AgentException {
        // read both files
        byte[] propertiesJson = readFile(properties, "-j", "properties.json");
        boolean fromInput = config.equals(STANDARD_INPUT);
        byte[] configNix = fromInput ? readInput(in) : readFile(Path.of(config), "-n", "config.nix");

        // check them as a declaration of the container
        ContainerId id = givenId != null ? givenId : idOf(properties, propertiesJson);
        try {
            DeclarationReader.check(id, configNix, propertiesJson);
        } catch (DeclarationException e) {
            Path file = Declaration.CONFIG_FILE.equals(e.path()) && !fromInput ? Path.of(config) : properties;
            throw new AgentException("invalid declaration of container " + id + " in " + file + ": " + e.getMessage(),
                    e);
        }

        // Nix reads config.nix from a file, so that relative imports resolve next to it
        Path configFile = fromInput ? writeTemporary(configNix) : Path.of(config).toAbsolutePath();
        BuildInput input = new BuildInput(id, configFile, configNix, propertiesJson, null, SharedModules.none());
        return new CommandLineDeclaration(input, fromInput ? configFile : null);
    }

    BuildInput input() {
        return input;
    }

    @Override
    public void close() {
        if (temporaryConfig != null) {
            try {
                Files.deleteIfExists(temporaryConfig);
            } catch (IOException e) {
                // a file left in the temporary directory harms nothing
            }
        }
    }

    private static ContainerId idOf(Path properties, byte[] propertiesJson) throws AgentException {
        JsonNode id;
        try {
            id = DeclarationReader.parseProperties(propertiesJson).get("id");
        } catch (DeclarationException e) {
            throw new AgentException("invalid properties file " + properties + ": " + e.getMessage(), e);
        }
        if (id == null || !id.isTextual()) {
            throw new AgentException("no container id: " + properties + " has no \"id\" string. Give the id with -i"
                    + " ID, or add \"id\" to the file.");
        }
        try {
            return ContainerId.parse(id.asText());
        } catch (InvalidContainerIdException e) {
            throw new AgentException("the \"id\" of " + properties + " is an " + e.getMessage(), e);
        }
    }

    private static byte[] readFile(Path file, String option, String role) throws AgentException {
        try {
            if (Files.size(file) > DeclarationReader.MAX_CONFIG_BYTES) {
                throw new AgentException(role + " file " + file + " has " + Files.size(file) + " bytes, more than"
                        + " any declaration allows. Check the path given with " + option + ".");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new AgentException(role + " file " + file + " not found. Check the path given with " + option + ".",
                    e);
        } catch (IOException e) {
            throw new AgentException("cannot read the " + role + " file " + file + " given with " + option + ": " + e,
                    e);
        }
    }

    private static byte[] readInput(InputStream in) throws AgentException {
        try {
            // one byte past the limit is enough for the size check to reject it
            byte[] bytes = in.readNBytes((int) DeclarationReader.MAX_CONFIG_BYTES + 1);
            if (bytes.length == 0) {
                throw new AgentException("config.nix on standard input (-n -) is empty. Pipe the file in, or give"
                        + " its path with -n.");
            }
            return bytes;
        } catch (IOException e) {
            throw new AgentException("cannot read config.nix from standard input: " + e, e);
        }
    }

    private static Path writeTemporary(byte[] configNix) throws AgentException {
        try {
            Path file = Files.createTempFile("nixunits-config-", ".nix");
            Files.write(file, configNix);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new AgentException("cannot write config.nix from standard input to a temporary file: " + e
                    + ". Check that java.io.tmpdir is writable.", e);
        }
    }
}
