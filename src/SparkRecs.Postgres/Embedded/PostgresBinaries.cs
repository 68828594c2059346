namespace SparkRecs.Postgres.Embedded;

/// <summary>
/// Locates the PostgreSQL server programs: <c>SPARKRECS_PG_BIN</c> if set, then every directory
/// on <c>PATH</c>, then the newest <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> (where Debian
/// and Ubuntu install them without putting them on PATH).
/// </summary>
public sealed class PostgresBinaries
{
    /// <summary>Environment variable naming a directory that holds initdb and pg_ctl.</summary>
    public const string DirectoryVariable = "SPARKRECS_PG_BIN";

    private const string DebianRoot = "/usr/lib/postgresql";

    private PostgresBinaries(string directory)
    {
        Directory = directory;
    }

    /// <summary>The directory holding the programs.</summary>
    public string Directory { get; }

    /// <summary>Full path of <c>initdb</c>.</summary>
    public string InitDb => Path.Combine(Directory, "initdb");

    /// <summary>Full path of <c>pg_ctl</c>.</summary>
    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    /// <summary>Finds the programs or throws an error that says how to install them.</summary>
    /// <exception cref="PostgresNotInstalledException">When no directory holds both initdb and pg_ctl.</exception>
    public static PostgresBinaries Find() =>
        Find(Environment.GetEnvironmentVariable(DirectoryVariable), Environment.GetEnvironmentVariable("PATH") ?? "", DebianRoot);

    /// <summary>The search itself, with its inputs explicit (tests point it at empty folders).</summary>
    internal static PostgresBinaries Find(string? configured, string path, string debianRoot)
    {
        foreach (string candidate in Candidates(configured, path, debianRoot))
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")))
            {
                return new PostgresBinaries(candidate);
            }
        }
        throw new PostgresNotInstalledException(
            "PostgreSQL server programs (initdb, pg_ctl) were not found on PATH, in $" + DirectoryVariable + " or in " + DebianRoot + "/*/bin. "
            + "Install PostgreSQL (Debian/Ubuntu: 'apt-get install postgresql'; Fedora/RHEL: 'dnf install postgresql-server'; macOS: 'brew install postgresql'), "
            + "or set postgres:connectionString to an existing server. The run's file output is kept.");
    }

    private static IEnumerable<string> Candidates(string? configured, string path, string debianRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            yield return configured;
        }
        foreach (string entry in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return entry;
        }
        if (System.IO.Directory.Exists(debianRoot))
        {
            var versions = System.IO.Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: d, Version: double.TryParse(Path.GetFileName(d), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) ? v : -1))
                .OrderByDescending(x => x.Version);
            foreach (var (dir, _) in versions)
            {
                yield return Path.Combine(dir, "bin");
            }
        }
    }
}
