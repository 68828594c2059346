using Microsoft.Extensions.Logging;

namespace SparkRecs.Pipeline.Tests.Support;

/// <summary>An <see cref="ILoggerFactory"/> keeping every formatted line, for asserting on log output.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly List<string> _lines = [];

    public CapturedLog()
    {
        Factory = LoggerFactory.Create(b => b.AddProvider(this).SetMinimumLevel(LogLevel.Information).AddFilter("Quartz", LogLevel.Warning));
    }

    public ILoggerFactory Factory { get; }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._lines)
            {
                owner._lines.Add($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)}");
            }
        }
    }
}
