using System.Globalization;
using System.Text.Json;
using SparkRecs.Core.Evaluation;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;
using SparkRecs.Pipeline.Progress;
using SparkRecs.Postgres.Serving;

namespace SparkRecs.Pipeline.Stages;

/// <summary>
/// Chooses how the live model takes part in the gate's paired comparison without leaking the test
/// window into it.
/// </summary>
/// <remarks>
/// The live run's stored factors are a fair opponent only when it was trained on data that ended
/// at or before this split's cutoff T; a nightly job usually retrains on yesterday's window, whose
/// events fall in today's test window, and those factors would be scored on events they were fitted
/// to. In that case the live run's registered ALS parameters are retrained on this split's training
/// window instead (champion and challenger on the same data), and the report says which was done.
/// </remarks>
public static class LiveBaseline
{
    /// <summary>Parameters JSON the job registers for a run, readable by <see cref="Create"/>.</summary>
    public static readonly JsonSerializerOptions ParameterJson = new(JsonSerializerDefaults.Web);

    /// <summary>The live model as an opponent for this split, or null when it cannot be compared fairly.</summary>
    public static IScoringModel? Create(LiveModelSnapshot live, EvaluationSplit split, InteractionMatrix train, AlsOptions candidate, ProgressReporter progress, CancellationToken ct)
    {
        long? cutoff = split.Description.CutoffMs;
        if (cutoff is long t && live.WindowTo is { } end && end.ToUnixTimeMilliseconds() < t)
        {
            progress.Line(string.Create(CultureInfo.InvariantCulture,
                $"live run {live.RunId} was trained on data up to {end:O}, before the cutoff: its stored factors are scored as served"));
            return new LiveScoringModel(live, split.Train.UserKeys, split.Train.ItemKeys);
        }
        AlsOptions? parameters = ReadParameters(live.ParametersJson);
        if (parameters is null)
        {
            progress.Line($"live run {live.RunId} has seen the test window and registered no ALS parameters: it is left out of the comparison");
            return null;
        }
        parameters = parameters with { Threads = candidate.Threads };
        if (parameters == candidate)
        {
            progress.Line($"live run {live.RunId} has seen the test window and has the candidate's parameters: retrained on this window it would be the candidate itself, so it is left out of the comparison");
            return null;
        }
        progress.Line($"live run {live.RunId} has seen the test window ({(live.WindowTo is { } w ? "trained to " + w.ToString("O", CultureInfo.InvariantCulture) : "window unknown")}): " +
                      "its parameters are retrained on this split's training window for a fair paired comparison");
        return TrainStage.Train(train, parameters, progress, "live run's parameters on the training window", ct);
    }

    private static AlsOptions? ReadParameters(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.TryGetProperty("als", out var als) ? als.Deserialize<AlsOptions>(ParameterJson) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
