namespace PrintFarm.Accounts;

/// <summary>One page of an account's order references, newest first, and how many there are in all.</summary>
[GenerateSerializer, Alias("PrintFarm.OrderPage")]
public sealed record OrderPage(
    [property: Id(0)] List<string> References,
    [property: Id(1)] int Total)
{
    /// <summary>The most a page holds.</summary>
    public const int MaxTake = 100;
}
