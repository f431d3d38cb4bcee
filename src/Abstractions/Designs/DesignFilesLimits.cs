namespace PrintFarm.Designs;

/// <summary>Limits of the small files kept beside designs.</summary>
public static class DesignFilesLimits
{
    /// <summary>An invoice PDF packed with an order (Sculpteo's <c>ship_invoice</c>): it crosses the cluster in one call.</summary>
    public const int MaxInvoiceBytes = 5 * 1024 * 1024;
}
