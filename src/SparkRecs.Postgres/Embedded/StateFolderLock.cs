using SparkRecs.Core.Errors;

namespace SparkRecs.Postgres.Embedded;

/// <summary>
/// An exclusive lock file (<c>&lt;stateDir&gt;/postgres.lock</c>) held while the embedded cluster is
/// initialised, started or stopped, so a scheduled job and a manual run starting together do not
/// both run initdb or pg_ctl on one data folder. The operating system releases it if the process dies.
/// </summary>
internal sealed class StateFolderLock : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly FileStream _file;

    private StateFolderLock(FileStream file)
    {
        _file = file;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the lock.</summary>
    /// <exception cref="PublishException">When another process keeps it longer.</exception>
    public static async Task<StateFolderLock> AcquireAsync(string stateDir, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(stateDir);
        string path = Path.Combine(Path.GetFullPath(stateDir), "postgres.lock");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new StateFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(RetryDelay, cancellationToken);
            }
            catch (IOException ex)
            {
                throw new PublishException($"Another process has held {path} for {timeout.TotalSeconds:0} s while starting or stopping the embedded PostgreSQL; wait for it, or remove the file if no SparkRecs process is running.", ex);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
