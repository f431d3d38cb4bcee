using System.ComponentModel.DataAnnotations;

namespace PrintFarm.Orders;

/// <summary>
/// How much one order may ask for, bound from configuration section <c>Orders:Limits</c> on the
/// gateways (which answer 400 naming the field) and on the silos (which refuse what slipped past
/// a gateway configured otherwise). Every copy is its own print job, so the total of copies is
/// what one request makes the farm create and keep.
/// </summary>
public sealed class OrderLimits
{
    public const string Section = "Orders:Limits";

    [Range(1, 1000, ErrorMessage = "Orders:Limits:MaxItems must be between {1} and {2}.")]
    public int MaxItems { get; set; } = OrderRequestValidator.MaxItems;

    [Range(1, 10_000, ErrorMessage = "Orders:Limits:MaxCopiesPerItem must be between {1} and {2}.")]
    public int MaxCopiesPerItem { get; set; } = OrderRequestValidator.MaxQuantity;

    /// <summary>Copies of all items together: the print jobs one order creates.</summary>
    [Range(1, 100_000, ErrorMessage = "Orders:Limits:MaxJobsPerOrder must be between {1} and {2}.")]
    public int MaxJobsPerOrder { get; set; } = 1000;
}
