namespace SparkRecs.Core.Errors;

/// <summary>
/// Base of every error SparkRecs raises on purpose: the message says what went wrong, where
/// (file, line, field or config key) and what to do. The job maps each subtype to a documented
/// process exit code so schedulers (Airflow, Quartz) can tell bad input from a failed gate.
/// </summary>
public abstract class SparkRecsException : Exception
{
    /// <summary>Creates the exception with its actionable message.</summary>
    protected SparkRecsException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>The process exit code the job returns for this error (see the README's table).</summary>
    public abstract int ExitCode { get; }
}

/// <summary>A configuration key is missing or invalid. Exit code 2. Raised before any work starts.</summary>
public sealed class ConfigurationException(string key, string message)
    : SparkRecsException($"Configuration key '{key}': {message}")
{
    /// <summary>The offending key, in the config file's colon-separated form (e.g. <c>als:rank</c>).</summary>
    public string Key { get; } = key;

    /// <inheritdoc />
    public override int ExitCode => 2;
}

/// <summary>Input data is unusable (too many bad rows, a corrupt file, no data in the window). Exit code 3.</summary>
public sealed class DataException(string message, Exception? inner = null) : SparkRecsException(message, inner)
{
    /// <inheritdoc />
    public override int ExitCode => 3;
}

/// <summary>Training failed numerically (NaN or divergence). Exit code 4.</summary>
public sealed class TrainingException(string message) : SparkRecsException(message)
{
    /// <inheritdoc />
    public override int ExitCode => 4;
}

/// <summary>The quality gate refused to publish the candidate model. Exit code 5.</summary>
public sealed class QualityGateException(string message) : SparkRecsException(message)
{
    /// <inheritdoc />
    public override int ExitCode => 5;
}

/// <summary>Publishing to the serving database failed; the live version is untouched. Exit code 6.</summary>
public sealed class PublishException(string message, Exception? inner = null) : SparkRecsException(message, inner)
{
    /// <inheritdoc />
    public override int ExitCode => 6;
}
