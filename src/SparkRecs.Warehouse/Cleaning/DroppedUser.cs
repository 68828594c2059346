namespace SparkRecs.Warehouse.Cleaning;

/// <summary>A user removed by the bot rule, with its event count at the time.</summary>
/// <param name="Key">The user key as the warehouse writes it.</param>
/// <param name="Events">Its events after de-duplication.</param>
public sealed record DroppedUser(string Key, int Events);
