namespace SparkRecs.Warehouse.Cleaning;

/// <summary>What the minimum-support filter removed.</summary>
/// <param name="RowsRemoved">Events removed.</param>
/// <param name="UsersRemoved">Users left with no event.</param>
/// <param name="ItemsRemoved">Items left with no event.</param>
/// <param name="Passes">Passes made (1 unless iterative).</param>
public sealed record MinSupportReport(long RowsRemoved, int UsersRemoved, int ItemsRemoved, int Passes)
{
    /// <summary>The report of a filter that had nothing to do.</summary>
    public static MinSupportReport None { get; } = new(0, 0, 0, 0);
}
