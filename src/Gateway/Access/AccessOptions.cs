using System.ComponentModel.DataAnnotations;

namespace PrintFarm.Gateway.Access;

/// <summary>Bound from configuration section <c>Access</c>; checked when the gateway starts.</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    [Range(1, 1_000_000, ErrorMessage = "Access:OrdersPerMinutePerAccount must be between {1} and {2}.")]
    public int OrdersPerMinutePerAccount { get; set; } = 30;

    [Range(1, 1_000_000, ErrorMessage = "Access:OrdersPerMinutePerAddress must be between {1} and {2}.")]
    public int OrdersPerMinutePerAddress { get; set; } = 60;

    /// <summary>Per address; wrong passwords also lock the account itself (Accounts:MaxFailedSignIns on the silos).</summary>
    [Range(1, 1_000_000, ErrorMessage = "Access:SignInsPerMinutePerAddress must be between {1} and {2}.")]
    public int SignInsPerMinutePerAddress { get; set; } = 10;

    /// <summary>
    /// How long the gateway waits for a key's own grain before it checks the key against storage
    /// instead (a key's grain on a silo that just died must not lock its customer out).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30", ErrorMessage = "Access:KeyPatience must be between {1} and {2}.")]
    public TimeSpan KeyPatience { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00", ErrorMessage = "Access:SignInLasts must be between {1} and {2}.")]
    public TimeSpan SignInLasts { get; set; } = TimeSpan.FromHours(8);
}
