package io.nixunits.model.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the hashes against the shell tool's own pipeline, run with the real {@code sha1sum}:
 * {@code echo "$salt-$(sha1sum < file | cut -d' ' -f1)" | sha1sum}.
 */
class UnitHashesTest {
    private static final String SHELL_HASH_WITH =
            "h=$(sha1sum < \"$1\" | cut -d' ' -f1); echo \"$2-$h\" | sha1sum | cut -d' ' -f1";

    @TempDir
    Path dir;

    @Test
    void hashWithMatchesShellPipeline() throws Exception {
        byte[] content = "{ pkgs, ... }: { config = { }; }\n".getBytes(StandardCharsets.UTF_8);
        String salt = "x86_64-linux-0123456789abcdef0123456789abcdef01234567";
        assertEquals(shellHashWith(content, salt), UnitHashes.hashWith(content, salt));
    }

    @Test
    void unitHashMatchesShellChain() throws Exception {
        byte[] config = Files.readAllBytes(example("web2/config.nix"));
        byte[] properties = Files.readAllBytes(example("web2/properties.json"));
        String env = UnitHashes.envHash("x86_64-linux", "5f4e1e6a9b2c3d4e5f60718293a4b5c6d7e8f901");

        String storeHash = shellHashWith(config, env);
        String unitHash = shellHashWith(properties, storeHash);

        assertEquals(storeHash, UnitHashes.storeHash(config, env));
        assertEquals(unitHash, UnitHashes.unitHash(properties, UnitHashes.storeHash(config, env)));
    }

    @Test
    void hashOfEmptyAndBinaryFilesMatches() throws Exception {
        assertEquals(shellHashWith(new byte[0], "salt"), UnitHashes.hashWith(new byte[0], "salt"));
        byte[] binary = {(byte) 0xff, 0, (byte) 0xfe, '\n', 0x7f};
        assertEquals(shellHashWith(binary, "s"), UnitHashes.hashWith(binary, "s"));
    }

    @Test
    void envHashJoinsSystemAndRevision() {
        assertEquals("aarch64-linux-abc", UnitHashes.envHash("aarch64-linux", "abc"));
    }

    private String shellHashWith(byte[] content, String salt) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "input", ".bin");
        Files.write(file, content);
        Process process = new ProcessBuilder("bash", "-c", SHELL_HASH_WITH, "hash", file.toString(), salt)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), output);
        return output;
    }

    private static Path example(String relative) {
        Path here = Path.of("").toAbsolutePath();
        Path candidate = here.resolveSibling("examples").resolve(relative);
        return Files.exists(candidate) ? candidate : here.resolve("examples").resolve(relative);
    }
}
