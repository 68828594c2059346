using SparkRecs.Warehouse.Reading;

namespace SparkRecs.Warehouse.Sample;

/// <summary>What <see cref="SampleWarehouseGenerator.Write"/> wrote, including what it planted on purpose.</summary>
/// <param name="Files">The day files, in day order.</param>
/// <param name="Bytes">Their total size on disk.</param>
/// <param name="Events">Valid events written, the bot's included.</param>
/// <param name="BotUserKey">The planted bot's user key, or null without one.</param>
/// <param name="BotEvents">The bot's events.</param>
/// <param name="Malformed">Malformed rows planted, by the reason the ingest will give.</param>
public sealed record SampleSummary(
    IReadOnlyList<string> Files,
    long Bytes,
    long Events,
    string? BotUserKey,
    long BotEvents,
    IReadOnlyDictionary<RejectReason, long> Malformed);
