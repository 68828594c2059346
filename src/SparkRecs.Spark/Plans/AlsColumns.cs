namespace SparkRecs.Spark.Plans;

/// <summary>
/// Column names of the ALS training relation: integer user and item ids (dense, in Int range, as
/// MLlib's ALS requires) and a float rating (the interaction strength for implicit feedback).
/// The recommendation relations use the same names: <c>(User, recommendations array&lt;struct&lt;Item, rating&gt;&gt;)</c>.
/// </summary>
/// <param name="User">User id column. Default <c>user</c>.</param>
/// <param name="Item">Item id column. Default <c>item</c>.</param>
/// <param name="Rating">Rating column. Default <c>rating</c>.</param>
public sealed record AlsColumns(string User = "user", string Item = "item", string Rating = "rating")
{
    /// <summary>The defaults: user, item, rating.</summary>
    public static AlsColumns Default { get; } = new();
}
