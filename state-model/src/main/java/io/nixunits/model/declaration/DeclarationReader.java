package io.nixunits.model.declaration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nixunits.model.ContainerId;
import io.nixunits.model.InvalidContainerIdException;
import io.nixunits.model.hash.UnitHashes;
import io.nixunits.model.io.SmallFiles;
import io.nixunits.model.json.JsonTrees;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a directory of declarations, {@code <id>/config.nix} and {@code <id>/properties.json},
 * and the shared modules directory. A bad declaration becomes a {@link DeclarationProblem}
 * for its id and the others are still read.
 *
 * <p>Every file is resolved, symlinks included, and must stay inside {@code boundary} (the
 * repository's work tree), so a declaration cannot make the agent read host files.
 */
public final class DeclarationReader {
    /** properties.json above this size is rejected: properties are parameters, not data. */
    public static final long MAX_PROPERTIES_BYTES = 1024 * 1024;
    /** config.nix above this size is rejected. */
    public static final long MAX_CONFIG_BYTES = 4 * 1024 * 1024;

    private final Path boundary;

    public DeclarationReader(Path boundary) {
        this.boundary = boundary;
    }

    /**
     * Reads every declaration under {@code declarationsDir} and the {@code .nix} files of
     * {@code modulesDir}, which may be absent.
     *
     * @throws DeclarationException when the directory itself or a shared module cannot be
     *     read; no plan can be trusted then
     */
    public DesiredState read(Path declarationsDir, Path modulesDir) throws DeclarationException {
        Path realBoundary = realBoundary();
        checkIsDirectory(declarationsDir);
        Path realDeclarations = realInside(realBoundary, declarationsDir);
        Path realModules = modulesDir != null && Files.isDirectory(modulesDir) ? realInside(realBoundary, modulesDir)
                : null;

        // Read one after the other, because the agent reads the host on a second thread meanwhile.
        // On two CPUs a parallel read here made a plan of 1,000 declarations slower.
        List<Outcome> outcomes = sortedEntries(realDeclarations).stream()
                .map(entry -> readEntry(realBoundary, entry, realModules))
                .toList();

        TreeMap<ContainerId, Declaration> declarations = new TreeMap<>();
        List<DeclarationProblem> problems = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (outcome.declaration() != null) {
                declarations.put(outcome.declaration().id(), outcome.declaration());
            } else if (outcome.problem() != null) {
                problems.add(outcome.problem());
            } else {
                ignored.add(outcome.ignored());
            }
        }

        SharedModules modules = readModules(realBoundary, modulesDir);
        return new DesiredState(declarations, problems, modules, ignored);
    }

    /** The result of one directory entry: exactly one of the three fields is set. */
    private record Outcome(Declaration declaration, DeclarationProblem problem, String ignored) {
    }

    private Outcome readEntry(Path realBoundary, Path entry, Path modulesDir) {
        String name = entry.getFileName().toString();
        boolean isModulesDir = modulesDir != null && entry.normalize().equals(modulesDir.normalize());
        if (name.startsWith(".") || isModulesDir || !Files.isDirectory(entry)) {
            return new Outcome(null, null, name);
        }
        try {
            return new Outcome(readOne(realBoundary, entry, name), null, null);
        } catch (ProblemFound found) {
            return new Outcome(null, found.problem, null);
        }
    }

    private Declaration readOne(Path realBoundary, Path dir, String name) throws ProblemFound {
        ContainerId id;
        try {
            id = ContainerId.parse(name);
        } catch (InvalidContainerIdException e) {
            throw new ProblemFound(name, null, e.getMessage() + " Rename the directory: its name is the container id.");
        }
        checkInside(realBoundary, dir, name, null);

        byte[] config = readBounded(realBoundary, dir, name, Declaration.CONFIG_FILE, MAX_CONFIG_BYTES);
        byte[] properties = readBounded(realBoundary, dir, name, Declaration.PROPERTIES_FILE, MAX_PROPERTIES_BYTES);
        ObjectNode parsed = parseProperties(name, properties);
        checkDeclaredId(name, parsed, "the directory is", " (the directory name is the container id)");
        return new Declaration(id, config, properties, parsed);
    }

    /**
     * Checks a declaration given as two files outside a declarations directory, such as on the
     * command line, with the rules of {@link #read}: both files within their size limits, and
     * properties.json valid UTF-8, a JSON object, and with an {@code "id"}, when present, equal
     * to {@code id}.
     *
     * @throws DeclarationException naming the file at fault and the fix
     */
    public static Declaration check(ContainerId id, byte[] configNix, byte[] propertiesJson)
            throws DeclarationException {
        String name = id.value();
        try {
            checkSize(name, Declaration.CONFIG_FILE, configNix.length, MAX_CONFIG_BYTES);
            checkSize(name, Declaration.PROPERTIES_FILE, propertiesJson.length, MAX_PROPERTIES_BYTES);
            ObjectNode parsed = parseProperties(name, propertiesJson);
            checkDeclaredId(name, parsed, "the container id is", "");
            return new Declaration(id, configNix, propertiesJson, parsed);
        } catch (ProblemFound found) {
            throw new DeclarationException(found.problem.file(), found.getMessage(), null);
        }
    }

    /**
     * Parses properties.json with the rules of {@link #read}, for a caller that needs its
     * {@code "id"} before the container is known.
     *
     * @throws DeclarationException when it is not valid UTF-8 or not a JSON object
     */
    public static ObjectNode parseProperties(byte[] propertiesJson) throws DeclarationException {
        try {
            checkSize("", Declaration.PROPERTIES_FILE, propertiesJson.length, MAX_PROPERTIES_BYTES);
            return parseProperties("", propertiesJson);
        } catch (ProblemFound found) {
            throw new DeclarationException(Declaration.PROPERTIES_FILE, found.getMessage(), null);
        }
    }

    private static void checkDeclaredId(String name, ObjectNode parsed, String idSource, String hint)
            throws ProblemFound {
        JsonNode declaredId = parsed.get("id");
        if (declaredId != null && !(declaredId.isTextual() && declaredId.asText().equals(name))) {
            throw new ProblemFound(name, Declaration.PROPERTIES_FILE,
                    "properties.json has \"id\": " + declaredId + " but " + idSource + " " + ContainerId.quote(name)
                            + ". Make them equal" + hint + " or remove \"id\".");
        }
    }

    private static void checkSize(String name, String file, long size, long maxBytes) throws ProblemFound {
        if (size > maxBytes) {
            throw new ProblemFound(name, file, file + " has " + size + " bytes, more than the limit of "
                    + maxBytes + ". Keep large data out of the declaration.");
        }
    }

    private static ObjectNode parseProperties(String name, byte[] bytes) throws ProblemFound {
        if (!isAscii(bytes)) {
            try {
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes));
            } catch (CharacterCodingException e) {
                throw new ProblemFound(name, Declaration.PROPERTIES_FILE,
                        "properties.json is not valid UTF-8. Save it as UTF-8.");
            }
        }

        JsonNode node;
        try {
            node = JsonTrees.parse(bytes);
        } catch (JsonProcessingException e) {
            // jq accepts a repeated key, so it is suggested for syntax errors only.
            String fix = e.getOriginalMessage().startsWith("Duplicate field") ? ". Keep one of the two values."
                    : ". Fix the syntax there (a JSON linter such as 'jq . properties.json' shows it too).";
            throw new ProblemFound(name, Declaration.PROPERTIES_FILE,
                    "properties.json is not valid JSON" + JsonTrees.location(e) + ": " + JsonTrees.message(e) + fix);
        } catch (IOException e) {
            throw new ProblemFound(name, Declaration.PROPERTIES_FILE, "properties.json cannot be parsed: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            String found = node == null ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
            throw new ProblemFound(name, Declaration.PROPERTIES_FILE,
                    "properties.json must contain a JSON object, found " + found + ".");
        }
        return (ObjectNode) node;
    }

    /** Returns whether every byte is ASCII, which is valid UTF-8 without decoding it. */
    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private byte[] readBounded(Path realBoundary, Path dir, String name, String file, long maxBytes)
            throws ProblemFound {
        // One lstat returns whether the file is missing, a symlink or a regular file, and its size.
        Path path = dir.resolve(file);
        BasicFileAttributes attributes = attributesOrNull(path, LinkOption.NOFOLLOW_LINKS);
        if (attributes == null) {
            throw missing(name, file, "");
        }
        Path real = path;
        if (attributes.isSymbolicLink()) {
            attributes = attributesOrNull(path);
            if (attributes == null) {
                throw missing(name, file, " (it is a symlink to a missing file)");
            }
            real = checkInside(realBoundary, path, name, file);
        }
        if (!attributes.isRegularFile()) {
            throw new ProblemFound(name, file, file + " is not a regular file.");
        }
        checkSize(name, file, attributes.size(), maxBytes);
        byte[] bytes;
        try {
            bytes = SmallFiles.read(real, maxBytes);
        } catch (IOException e) {
            throw new ProblemFound(name, file, file + " cannot be read: " + e);
        }
        if (bytes.length > maxBytes) {
            throw new ProblemFound(name, file, file + " grew past the limit of " + maxBytes
                    + " bytes while it was read. Keep large data out of the declaration.");
        }
        return bytes;
    }

    private static ProblemFound missing(String name, String file, String detail) {
        return new ProblemFound(name, file, file + " is missing" + detail + ". Each declaration needs "
                + Declaration.CONFIG_FILE + " and " + Declaration.PROPERTIES_FILE + ".");
    }

    private static BasicFileAttributes attributesOrNull(Path path, LinkOption... options) throws ProblemFound {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, options);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ProblemFound(path.getParent().getFileName().toString(), path.getFileName().toString(),
                    path.getFileName() + " cannot be read: " + e);
        }
    }

    private Path checkInside(Path realBoundary, Path path, String name, String file) throws ProblemFound {
        // Every path here is built from the real declarations directory, so one that is not a
        // symlink is inside when its parent is, and the parent was checked first. Only symlinks
        // are resolved, which saves a syscall per path component.
        if (!Files.isSymbolicLink(path) && path.startsWith(realBoundary)) {
            return path;
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new ProblemFound(name, file, describe(path, name, file) + " cannot be resolved: " + e);
        }
        if (!real.startsWith(realBoundary)) {
            throw new ProblemFound(name, file, describe(path, name, file) + " resolves to " + real
                    + ", outside the repository " + realBoundary + ". Replace the symlink with the file itself.");
        }
        return real;
    }

    private static String describe(Path path, String name, String file) {
        return file == null ? "the directory " + ContainerId.quote(name) : file;
    }

    private SharedModules readModules(Path realBoundary, Path modulesDir) throws DeclarationException {
        if (modulesDir == null || !Files.isDirectory(modulesDir)) {
            return SharedModules.none();
        }
        TreeMap<String, String> sha256ByFile = new TreeMap<>();
        for (Path module : sortedEntries(modulesDir)) {
            String name = module.getFileName().toString();
            if (!name.endsWith(".nix") || name.startsWith(".")) {
                continue;
            }
            try {
                Path real = module.toRealPath();
                if (!real.startsWith(realBoundary)) {
                    throw new DeclarationException(module.toString(), "shared module " + module + " resolves to "
                            + real + ", outside the repository " + realBoundary
                            + ". Replace the symlink with the file itself.", null);
                }
                sha256ByFile.put(name, UnitHashes.sha256Hex(Files.readAllBytes(real)));
            } catch (NoSuchFileException e) {
                throw new DeclarationException(module.toString(), "shared module " + module
                        + " is a symlink to a missing file. Fix or remove it.", e);
            } catch (IOException e) {
                throw new DeclarationException(module.toString(), "shared module " + module
                        + " cannot be read: " + e, e);
            }
        }
        return SharedModules.of(sha256ByFile);
    }

    private Path realBoundary() throws DeclarationException {
        try {
            return boundary.toRealPath();
        } catch (IOException e) {
            throw new DeclarationException(boundary.toString(), "repository directory " + boundary
                    + " cannot be resolved: " + e, e);
        }
    }

    private static Path realInside(Path realBoundary, Path dir) throws DeclarationException {
        try {
            Path real = dir.toRealPath();
            if (!real.startsWith(realBoundary)) {
                throw new DeclarationException(dir.toString(), "directory " + dir + " resolves to " + real
                        + ", outside the repository " + realBoundary + ". Give a directory inside it.", null);
            }
            return real;
        } catch (IOException e) {
            throw new DeclarationException(dir.toString(), "directory " + dir + " cannot be resolved: " + e, e);
        }
    }

    private static void checkIsDirectory(Path dir) throws DeclarationException {
        if (!Files.isDirectory(dir)) {
            throw new DeclarationException(dir.toString(), "declarations directory " + dir
                    + " does not exist or is not a directory. Check the path given with --path or --dir.", null);
        }
    }

    private static List<Path> sortedEntries(Path dir) throws DeclarationException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new DeclarationException(dir.toString(), "directory " + dir + " cannot be listed: " + e, e);
        }
    }

    /** Carries one declaration's problem out of the nested checks. */
    private static final class ProblemFound extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient DeclarationProblem problem;

        ProblemFound(String name, String file, String message) {
            super(message, null, false, false);
            this.problem = new DeclarationProblem(name, file, message);
        }
    }
}
