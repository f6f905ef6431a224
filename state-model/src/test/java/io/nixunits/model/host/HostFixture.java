package io.nixunits.model.host;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.nixunits.model.ContainerId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds state roots on jimfs in the layout the shell tool left on hosts. */
public final class HostFixture implements AutoCloseable {
    public final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
    public final StateLayout layout = new StateLayout(fs.getPath("/var/lib/nixunits"));

    public ContainerDir container(String id) {
        Path dir = layout.container(new ContainerId(id));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ContainerDir(new StateLayout.Container(dir));
    }

    public HostState read() throws HostStateException {
        return new HostStateReader(layout).read();
    }

    public void write(Path path, String content) {
        write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public void write(Path path, byte[] content) {
        try {
            Files.createDirectories(path.getParent());
            Files.write(path, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        fs.close();
    }

    /** One container directory being set up. */
    public final class ContainerDir {
        public final StateLayout.Container files;

        ContainerDir(StateLayout.Container files) {
            this.files = files;
        }

        /** A switched-in build as the shell tool left it. */
        public ContainerDir built(byte[] config, byte[] properties, String unitHash) {
            write(files.complete(), config);
            write(files.parameters(), properties);
            write(files.configuration(), config);
            if (unitHash != null) {
                write(files.unitHash(), unitHash + "\n");
            }
            return data();
        }

        public ContainerDir data() {
            try {
                Files.createDirectories(files.root().resolve("nix/store"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public ContainerDir unitConf(String target) {
            try {
                Files.createSymbolicLink(files.unitConf(), fs.getPath(target));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public ContainerDir pending(byte[] config, byte[] properties, String unitHash, boolean complete) {
            Path pending = files.pending();
            write(pending.resolve("configuration.nix"), config);
            write(pending.resolve("parameters.json"), properties);
            if (unitHash != null) {
                write(pending.resolve(".unit_hash"), unitHash + "\n");
            }
            if (complete) {
                write(pending.resolve(".complete"), config);
            }
            return this;
        }

        public ContainerDir rollback() {
            try {
                Files.createDirectories(files.rollback().resolve("nix"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
    }
}
