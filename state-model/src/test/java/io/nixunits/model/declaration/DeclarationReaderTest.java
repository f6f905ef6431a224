package io.nixunits.model.declaration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.nixunits.model.ContainerId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeclarationReaderTest {
    private FileSystem fs;
    private Path repo;

    @BeforeEach
    void setUp() throws IOException {
        fs = Jimfs.newFileSystem(Configuration.unix());
        repo = Files.createDirectories(fs.getPath("/repo"));
    }

    @AfterEach
    void tearDown() throws IOException {
        fs.close();
    }

    private void declare(String id, String config, String properties) throws IOException {
        Path dir = Files.createDirectories(repo.resolve(id));
        if (config != null) {
            Files.writeString(dir.resolve("config.nix"), config);
        }
        if (properties != null) {
            Files.writeString(dir.resolve("properties.json"), properties);
        }
    }

    private DesiredState read() throws DeclarationException {
        return new DeclarationReader(repo).read(repo, repo.resolve("modules"));
    }

    private DeclarationProblem onlyProblem(DesiredState state) {
        assertEquals(1, state.problems().size(), state.problems().toString());
        return state.problems().get(0);
    }

    @Test
    void readsValidDeclarations() throws Exception {
        declare("web2", "{ ... }: { }\n", "{\"id\": \"web2\", \"ip4\": \"10.0.0.2/31\"}");
        declare("db", "{ ... }: { }\n", "{}");

        DesiredState state = read();

        assertEquals(List.of(new ContainerId("db"), new ContainerId("web2")), List.copyOf(state.declarations().keySet()));
        assertEquals(List.of(), state.problems());
        Declaration web2 = state.declarations().get(new ContainerId("web2"));
        assertEquals("10.0.0.2/31", web2.properties().get("ip4").asText());
        assertEquals("{ ... }: { }\n", new String(web2.configNix(), StandardCharsets.UTF_8));
    }

    @Test
    void readsSharedModulesSorted() throws Exception {
        declare("web2", "{ ... }: { }", "{}");
        Path modules = Files.createDirectories(repo.resolve("modules"));
        Files.writeString(modules.resolve("b.nix"), "{ }");
        Files.writeString(modules.resolve("a.nix"), "{ }");
        Files.writeString(modules.resolve("notes.txt"), "not a module");

        DesiredState state = read();

        assertEquals(List.of("a.nix", "b.nix"), List.copyOf(state.modules().sha256ByFile().keySet()));
        assertEquals(1, state.declarations().size());
        assertTrue(state.ignoredEntries().contains("modules"));
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws Exception {
        declare("web2", "{ ... }: { }", "{\n  \"ip4\": \"10.0.0.2/31\",\n  \"hostIp4\" \"x\"\n}");
        declare("ok", "{ ... }: { }", "{}");

        DesiredState state = read();

        DeclarationProblem problem = onlyProblem(state);
        assertEquals("web2", problem.name());
        assertEquals("properties.json", problem.file());
        assertTrue(problem.message().contains("not valid JSON at line 3, column 13"), problem.message());
        assertTrue(state.declarations().containsKey(new ContainerId("ok")));
    }

    @Test
    void unclosedArrayHidesJacksonSource() throws Exception {
        declare("web2", "{ ... }: { }", "{\"routes\": [");

        DeclarationProblem problem = onlyProblem(read());

        assertTrue(problem.message().contains("(start marker at [line: 1, column: 12])"), problem.message());
        assertFalse(problem.message().contains("Source"), problem.message());
        assertTrue(problem.message().contains("jq . properties.json"), problem.message());
    }

    @Test
    void repeatedKeyIsNamedWithoutJq() throws Exception {
        declare("web2", "{ ... }: { }", "{\"ip4\": \"10.0.0.2/31\", \"ip4\": \"10.0.0.4/31\"}");

        DeclarationProblem problem = onlyProblem(read());

        assertTrue(problem.message().contains("Duplicate field 'ip4'. Keep one of the two values."), problem.message());
        assertFalse(problem.message().contains("jq"), problem.message());
    }

    @Test
    void idMismatchIsRejected() throws Exception {
        declare("web2", "{ ... }: { }", "{\"id\": \"web3\"}");

        DeclarationProblem problem = onlyProblem(read());

        assertTrue(problem.message().contains("\"id\": \"web3\" but the directory is 'web2'"), problem.message());
    }

    @Test
    void nonStringIdIsRejected() throws Exception {
        declare("web2", "{ ... }: { }", "{\"id\": 2}");

        assertTrue(onlyProblem(read()).message().contains("\"id\": 2"));
    }

    @Test
    void underscoreDirectoryIsRejected() throws Exception {
        declare("web_2", "{ ... }: { }", "{}");

        DeclarationProblem problem = onlyProblem(read());

        assertEquals("web_2", problem.name());
        assertTrue(problem.message().contains("invalid container id 'web_2'"), problem.message());
    }

    @Test
    void doubleDotDirectoryIsRejected() throws Exception {
        declare("a..b", "{ ... }: { }", "{}");

        assertTrue(onlyProblem(read()).message().contains("contains '..'"));
    }

    @Test
    void missingConfigIsRejected() throws Exception {
        declare("web2", null, "{}");

        DeclarationProblem problem = onlyProblem(read());

        assertEquals("config.nix", problem.file());
        assertTrue(problem.message().startsWith("config.nix is missing"), problem.message());
    }

    @Test
    void missingPropertiesIsRejected() throws Exception {
        declare("web2", "{ ... }: { }", null);

        assertTrue(onlyProblem(read()).message().startsWith("properties.json is missing"));
    }

    @Test
    void symlinkOutsideRepositoryIsRejected() throws Exception {
        Path outside = Files.createDirectories(fs.getPath("/etc"));
        Files.writeString(outside.resolve("shadow"), "root:secret");
        declare("web2", "{ ... }: { }", null);
        Files.createSymbolicLink(repo.resolve("web2/properties.json"), outside.resolve("shadow"));

        DeclarationProblem problem = onlyProblem(read());

        assertTrue(problem.message().contains("resolves to /etc/shadow, outside the repository /repo"),
                problem.message());
        assertTrue(!problem.message().contains("secret"), "the file's content must not leak");
    }

    @Test
    void symlinkedDirectoryOutsideRepositoryIsRejected() throws Exception {
        Path outside = Files.createDirectories(fs.getPath("/elsewhere/web2"));
        Files.writeString(outside.resolve("config.nix"), "{ }");
        Files.writeString(outside.resolve("properties.json"), "{}");
        Files.createSymbolicLink(repo.resolve("web2"), outside);

        assertTrue(onlyProblem(read()).message().contains("outside the repository"));
    }

    @Test
    void symlinkInsideRepositoryIsAccepted() throws Exception {
        declare("web2", "{ ... }: { }", "{}");
        Files.createDirectories(repo.resolve("web3"));
        Files.createSymbolicLink(repo.resolve("web3/config.nix"), repo.resolve("web2/config.nix"));
        Files.writeString(repo.resolve("web3/properties.json"), "{}");

        DesiredState state = read();

        assertEquals(2, state.declarations().size(), state.problems().toString());
    }

    @Test
    void danglingSymlinkIsRejected() throws Exception {
        declare("web2", "{ ... }: { }", null);
        Files.createSymbolicLink(repo.resolve("web2/properties.json"), repo.resolve("nowhere.json"));

        assertTrue(onlyProblem(read()).message().contains("symlink to a missing file"));
    }

    @Test
    void nonUtf8PropertiesAreRejected() throws Exception {
        declare("web2", "{ ... }: { }", null);
        Files.write(repo.resolve("web2/properties.json"), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xe9, '"', '}'});

        assertTrue(onlyProblem(read()).message().contains("not valid UTF-8"));
    }

    @Test
    void oversizedPropertiesAreRejected() throws Exception {
        String big = "{\"blob\": \"" + "x".repeat(1024 * 1024) + "\"}";
        declare("web2", "{ ... }: { }", big);

        String message = onlyProblem(read()).message();

        assertTrue(message.contains("more than the limit of 1048576"), message);
    }

    @Test
    void nonObjectPropertiesAreRejected() throws Exception {
        declare("web2", "{ ... }: { }", "[1, 2]");

        assertTrue(onlyProblem(read()).message().contains("must contain a JSON object, found array"));
    }

    @Test
    void emptyPropertiesFileIsRejected() throws Exception {
        declare("web2", "{ ... }: { }", "");

        assertTrue(onlyProblem(read()).message().contains("must contain a JSON object, found nothing"));
    }

    @Test
    void duplicateKeysAreRejected() throws Exception {
        declare("web2", "{ ... }: { }", "{\"ip4\": \"a\", \"ip4\": \"b\"}");

        assertTrue(onlyProblem(read()).message().contains("Duplicate field 'ip4'"));
    }

    @Test
    void trailingContentIsRejected() throws Exception {
        declare("web2", "{ ... }: { }", "{} {}");

        assertTrue(onlyProblem(read()).message().contains("not valid JSON"));
    }

    @Test
    void hiddenDirectoriesAndFilesAreIgnored() throws Exception {
        declare("web2", "{ ... }: { }", "{}");
        Files.createDirectories(repo.resolve(".git/objects"));
        Files.writeString(repo.resolve("README.md"), "# hosts");

        DesiredState state = read();

        assertEquals(1, state.declarations().size());
        assertEquals(List.of(), state.problems());
        assertEquals(List.of(".git", "README.md"), state.ignoredEntries());
    }

    @Test
    void missingDirectoryIsAnError() {
        DeclarationException e = assertThrows(DeclarationException.class,
                () -> new DeclarationReader(repo).read(repo.resolve("hosts/h1"), null));

        assertTrue(e.getMessage().contains("/repo/hosts/h1 does not exist"), e.getMessage());
        assertEquals("/repo/hosts/h1", e.path());
    }

    @Test
    void moduleOutsideRepositoryIsAnError() throws Exception {
        declare("web2", "{ ... }: { }", "{}");
        Files.createDirectories(repo.resolve("modules"));
        Files.writeString(Files.createDirectories(fs.getPath("/outside")).resolve("evil.nix"), "{ }");
        Files.createSymbolicLink(repo.resolve("modules/evil.nix"), fs.getPath("/outside/evil.nix"));

        DeclarationException e = assertThrows(DeclarationException.class, this::read);

        assertTrue(e.getMessage().contains("outside the repository"), e.getMessage());
    }

    @Test
    void missingModulesDirectoryMeansNone() throws Exception {
        declare("web2", "{ ... }: { }", "{}");

        assertTrue(read().modules().sha256ByFile().isEmpty());
    }

    @Test
    void declarationWithoutIdKeyIsAccepted() throws Exception {
        declare("web2", "{ ... }: { }", "{\"ip4\": \"10.0.0.2/31\"}");

        assertNull(read().declarations().get(new ContainerId("web2")).properties().get("id"));
    }
}
