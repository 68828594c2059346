using SparkRecs.Postgres.Embedded;

namespace SparkRecs.Postgres.Tests.Embedded;

public sealed class PostgresBinariesTests
{
    [Fact]
    public void Missing_server_programs_raise_an_error_that_says_how_to_install_them()
    {
        string empty = Directory.CreateTempSubdirectory("sparkrecs-nopg-").FullName;
        try
        {
            var error = Assert.Throws<PostgresNotInstalledException>(() => PostgresBinaries.Find(configured: null, path: empty, debianRoot: Path.Combine(empty, "none")));

            Assert.Contains("apt-get install postgresql", error.Message, StringComparison.Ordinal);
            Assert.Equal(6, error.ExitCode);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void The_newest_debian_version_directory_is_found_when_path_has_none()
    {
        string root = Directory.CreateTempSubdirectory("sparkrecs-pgroot-").FullName;
        try
        {
            foreach (string version in new[] { "9.6", "15", "13" })
            {
                string bin = Directory.CreateDirectory(Path.Combine(root, version, "bin")).FullName;
                File.WriteAllText(Path.Combine(bin, "initdb"), "");
                File.WriteAllText(Path.Combine(bin, "pg_ctl"), "");
            }

            var found = PostgresBinaries.Find(configured: null, path: "", debianRoot: root);

            Assert.Equal(Path.Combine(root, "15", "bin"), found.Directory);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
