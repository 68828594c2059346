namespace SparkRecs.Warehouse.Cleaning;

/// <summary>What the bot rule did.</summary>
/// <param name="ReferenceCount">The configured percentile of per-user event counts.</param>
/// <param name="Threshold">The count a user had to exceed to be dropped: max(absoluteMax, multiplier × reference).</param>
/// <param name="DroppedUsers">The users dropped, busiest first.</param>
/// <param name="RowsRemoved">Their events.</param>
public sealed record BotRuleReport(double ReferenceCount, double Threshold, IReadOnlyList<DroppedUser> DroppedUsers, long RowsRemoved)
{
    /// <summary>The report of a rule that was switched off or found nothing to look at.</summary>
    public static BotRuleReport None { get; } = new(0, double.PositiveInfinity, [], 0);
}
