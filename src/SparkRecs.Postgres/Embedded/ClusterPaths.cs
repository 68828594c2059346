namespace SparkRecs.Postgres.Embedded;

/// <summary>Where the embedded cluster keeps its files under a state folder.</summary>
internal sealed class ClusterPaths(string stateDir)
{
    public string Root { get; } = Path.Combine(Path.GetFullPath(stateDir), "postgres");

    public string Data => Path.Combine(Root, "data");

    public string LogFile => Path.Combine(Root, "server.log");

    public string PortFile => Path.Combine(Root, "port");

    public string PassFile => Path.Combine(Root, "pgpass");
}
