namespace SparkRecs.Core.Factorization;

/// <summary>Which share of the objective a sweep adds up while it solves its rows.</summary>
internal enum SweepLoss
{
    /// <summary>None: the loss is not tracked.</summary>
    None,

    /// <summary>Each solved row's ridge term <c>lambda_u |x_u|^2</c> (the user sweep).</summary>
    Ridge,

    /// <summary>Each solved row's observation terms and ridge term (the item sweep).</summary>
    ObservationsAndRidge,
}
