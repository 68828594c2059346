using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;
using SparkRecs.Core.Errors;

namespace SparkRecs.Postgres.Embedded;

/// <summary>
/// The embedded default: a private PostgreSQL cluster under the job's state folder, created with
/// the machine's own <c>initdb</c>/<c>pg_ctl</c>, listening on 127.0.0.1 only, on a free port.
/// </summary>
/// <remarks>
/// <para>Layout under <c>&lt;stateDir&gt;/postgres</c>: <c>data/</c> (the cluster), <c>server.log</c>,
/// <c>port</c> (the port it was last started on) and <c>pgpass</c> (the generated superuser
/// password, mode 0600, owned by the calling user; the connection string refers to it with
/// <c>Passfile=</c> so the password never appears in a string or a log).</para>
/// <para>When the calling process is root the cluster is initialised and run as the
/// <c>postgres</c> OS user (PostgreSQL refuses to run as root); the folder is handed to that user
/// with <c>chown</c>, so every parent of the state folder must be traversable by it.</para>
/// <para>The cluster runs with <c>wal_level = minimal</c>: it has no replicas, and COPY into a
/// table created in the same transaction then skips the write-ahead log entirely.</para>
/// </remarks>
public static partial class EmbeddedPostgres
{
    /// <summary>The database SparkRecs publishes into.</summary>
    public const string DatabaseName = "sparkrecs";

    /// <summary>The superuser the cluster is initialised with.</summary>
    public const string UserName = "postgres";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Starts the cluster under <paramref name="stateDir"/> (initialising it on first use; reusing
    /// it when already running) and returns a connection string for its <c>sparkrecs</c> database.
    /// </summary>
    /// <exception cref="PostgresNotInstalledException">When initdb/pg_ctl are not installed.</exception>
    /// <exception cref="PublishException">When the cluster cannot be initialised or started; the message carries the server's own output.</exception>
    public static async Task<string> EnsureStartedAsync(string stateDir, CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Find();
        var paths = new ClusterPaths(stateDir);
        using var folderLock = await StateFolderLock.AcquireAsync(stateDir, CommandTimeout, cancellationToken);
        if (!File.Exists(Path.Combine(paths.Data, "PG_VERSION")))
        {
            await InitialiseAsync(binaries, paths, cancellationToken);
        }
        int port = await IsRunningAsync(binaries, paths, cancellationToken)
            ? RunningPort(paths)
            : await StartAsync(binaries, paths, cancellationToken);
        string connectionString = ConnectionString(paths, port, DatabaseName);
        await EnsureDatabaseAsync(paths, port, cancellationToken);
        return connectionString;
    }

    /// <summary>Stops the cluster under <paramref name="stateDir"/> (fast shutdown); false when it was not running.</summary>
    public static async Task<bool> StopAsync(string stateDir, CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Find();
        var paths = new ClusterPaths(stateDir);
        using var folderLock = await StateFolderLock.AcquireAsync(stateDir, CommandTimeout, cancellationToken);
        if (!File.Exists(Path.Combine(paths.Data, "PG_VERSION")) || !await IsRunningAsync(binaries, paths, cancellationToken))
        {
            return false;
        }
        var result = await ProcessRunner.RunAsync(binaries.PgCtl, ["stop", "-D", paths.Data, "-m", "fast", "-w", "-t", "60"], asServerUser: true, CommandTimeout, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new PublishException($"pg_ctl stop failed for {paths.Data} (exit {result.ExitCode}): {result.Output}");
        }
        return true;
    }

    /// <summary>A ready-to-paste psql command for the cluster's database (password via its pgpass file).</summary>
    public static string PsqlCommand(string stateDir, string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PGPASSFILE={new ClusterPaths(stateDir).PassFile} psql \"host={builder.Host} port={builder.Port} dbname={builder.Database} user={builder.Username}\"";
    }

    private static string ConnectionString(ClusterPaths paths, int port, string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Database = database,
            Username = UserName,
            Passfile = paths.PassFile,
        }.ConnectionString;

    private static async Task InitialiseAsync(PostgresBinaries binaries, ClusterPaths paths, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.Root);
        string password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        string passwordFile = Path.Combine(paths.Root, "initdb-password");
        await File.WriteAllTextAsync(passwordFile, password + "\n", cancellationToken);
        MakePrivate(passwordFile);
        try
        {
            if (ProcessRunner.IsRoot)
            {
                await RunCheckedAsync("chown", ["-R", $"{ProcessRunner.ServerUser}:", paths.Root], asServerUser: false, "handing the state folder to the postgres user", cancellationToken);
            }
            await RunCheckedAsync(binaries.InitDb,
                ["-D", paths.Data, "-U", UserName, "--auth=scram-sha-256", $"--pwfile={passwordFile}", "--encoding=UTF8", "--locale=C"],
                asServerUser: true, $"initialising a PostgreSQL cluster in {paths.Data}", cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
        await File.AppendAllTextAsync(Path.Combine(paths.Data, "postgresql.conf"),
            """

            # SparkRecs embedded server: private, local, no replicas.
            listen_addresses = '127.0.0.1'
            unix_socket_directories = ''
            wal_level = minimal
            max_wal_senders = 0
            max_wal_size = '4GB'
            """, cancellationToken);
        await File.WriteAllTextAsync(paths.PassFile, $"127.0.0.1:*:*:{UserName}:{password}\n", cancellationToken);
        // Written by the calling user, so owned by it: the client's file, unreadable by the server account.
        MakePrivate(paths.PassFile);
    }

    /// <summary>Mode 0600: libpq and Npgsql ignore a pgpass file others can read.</summary>
    private static void MakePrivate(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static async Task<bool> IsRunningAsync(PostgresBinaries binaries, ClusterPaths paths, CancellationToken cancellationToken)
    {
        var status = await ProcessRunner.RunAsync(binaries.PgCtl, ["status", "-D", paths.Data], asServerUser: true, CommandTimeout, cancellationToken);
        return status.ExitCode == 0;
    }

    /// <summary>The port of the running server: line 4 of <c>postmaster.pid</c>, which the server itself writes.</summary>
    private static int RunningPort(ClusterPaths paths)
    {
        string[] lines = File.ReadAllLines(Path.Combine(paths.Data, "postmaster.pid"));
        if (lines.Length < 4 || !int.TryParse(lines[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int port))
        {
            throw new PublishException($"The embedded PostgreSQL in {paths.Data} is running but its postmaster.pid has no port; stop it with 'pg_ctl stop -D {paths.Data}' and retry.");
        }
        return port;
    }

    private static async Task<int> StartAsync(PostgresBinaries binaries, ClusterPaths paths, CancellationToken cancellationToken)
    {
        const int attempts = 3;
        for (int attempt = 1; ; attempt++)
        {
            int port = FreePort();
            var result = await ProcessRunner.RunAsync(binaries.PgCtl,
                ["start", "-D", paths.Data, "-l", paths.LogFile, "-o", $"-p {port}", "-w", "-t", "60"],
                asServerUser: true, CommandTimeout, cancellationToken);
            if (result.ExitCode == 0)
            {
                // For scripts and people (submit.sh prints it); the code itself reads postmaster.pid.
                await File.WriteAllTextAsync(paths.PortFile, port.ToString(CultureInfo.InvariantCulture), cancellationToken);
                return port;
            }
            if (attempt == attempts)
            {
                string log = File.Exists(paths.LogFile) ? string.Join("\n", File.ReadLines(paths.LogFile).TakeLast(10)) : "(no server log)";
                throw new PublishException($"pg_ctl could not start the embedded PostgreSQL in {paths.Data} (exit {result.ExitCode}): {result.Output}\nLast lines of {paths.LogFile}:\n{log}");
            }
        }
    }

    /// <summary>A port the OS reports free right now (another process may take it before the server binds; start retries).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task EnsureDatabaseAsync(ClusterPaths paths, int port, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString(paths, port, "postgres"));
        await using var exists = dataSource.CreateCommand("SELECT 1 FROM pg_database WHERE datname = @name");
        exists.Parameters.AddWithValue("name", DatabaseName);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = dataSource.CreateCommand($"CREATE DATABASE \"{DatabaseName}\"");
            try
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Created by a concurrent caller in the meantime: what we wanted.
            }
        }
    }

    private static async Task RunCheckedAsync(string program, IReadOnlyList<string> arguments, bool asServerUser, string doing, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(program, arguments, asServerUser, CommandTimeout, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new PublishException($"Failed {doing} (exit {result.ExitCode}): {result.Output}. When running as root, every parent folder of the state folder must be readable and traversable by the '{ProcessRunner.ServerUser}' user.");
        }
    }
}
