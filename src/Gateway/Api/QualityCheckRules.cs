namespace PrintFarm.Gateway.Api;

/// <summary>What a quality-check verdict must say, for the API and the console alike.</summary>
public static class QualityCheckRules
{
    /// <summary>The field at fault and why, or null for a verdict the farm takes.</summary>
    public static (string Field, string Problem)? Check(bool pass, string? reason)
    {
        if (!pass && string.IsNullOrWhiteSpace(reason)) return ("reason", "Say why the part failed; the customer sees it beside the item.");
        if (PrintFarm.Orders.TextLimits.TooLong(reason, PrintFarm.Orders.TextLimits.Message, "The reason") is { } tooLong) return ("reason", tooLong);
        return null;
    }
}
