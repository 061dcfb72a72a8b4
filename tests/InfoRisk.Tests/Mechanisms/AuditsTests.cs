using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Regulators' audits and fines (docs/model.md §3.24, Mechanisms/Audits.cs): daily audit rate audits_per_year / 365
/// (risk-based: × 0.5 + min(1.5, violations ÷ scale)); a fine of min(fine_max, annual turnover × share) × min(1,
/// violations ÷ scale) when an audit finds violations, after which the count is reset.
/// </summary>
public class AuditsTests
{
    private static Audits For(Func<Regime, Regime> levers, ModelParameters? p = null) =>
        new(new ModelContext(MechanismHarness.Spec(levers(RegimeCatalog.Get("dynamic-balance")), p)));

    /// <summary>
    /// Revenue so far 365 million fen over 365 days: annual turnover 365 million fen, 5% = 18,250,000 fen, below the
    /// 50-million-yuan ceiling; 500 violations of a scale of 1,000 give half of it, 9,125,000 fen. The count is reset: the
    /// next audit without new violations fines nothing, and fines paid accumulate.
    /// </summary>
    [Fact]
    public void Fine_IsTheLowerCeilingTimesSeverity_AndTheCountIsReset()
    {
        var audits = For(r => r);
        Assert.Equal(0, audits.Settle(300, audited: false, 365_000_000, 365));
        Assert.Equal(9_125_000, audits.Settle(200, audited: true, 365_000_000, 365));
        Assert.Equal(0, audits.Settle(0, audited: true, 365_000_000, 365));
        Assert.Equal(18_250_000, audits.Settle(5_000, audited: true, 365_000_000, 365)); // severity capped at 1
        Assert.Equal(9_125_000 + 18_250_000, audits.FinesPaidFen);
        Assert.Equal(0, audits.Settle(0, audited: true, 365_000_000, 365));           // audited with no violation
    }

    /// <summary>A low fine ceiling (1,000 yuan) binds before the turnover share; turnover is annualised from the days seen (73 days × 5 = 365).</summary>
    [Fact]
    public void Fine_UsesTheLowerOfTheTwoCeilings_AndAnnualisesTurnover()
    {
        var capped = For(r => r with { FineMaxYuan = 1_000 });
        Assert.Equal(100_000, capped.Settle(1_000, audited: true, 365_000_000, 365));
        var early = For(r => r);
        Assert.Equal(18_250_000, early.Settle(1_000, audited: true, 73_000_000, 73));
    }

    [Fact]
    public void Rate_IsAuditsPerYearOver365_ScaledByViolationsWhenRiskBased()
    {
        Assert.Equal(1.0 / 365, For(r => r with { AuditsPerYear = 1 }).Rate(), 15);
        var risk = For(r => r with { AuditsPerYear = 2, RiskBasedAudits = true });
        Assert.Equal(2.0 / 365 * 0.5, risk.Rate(), 15);
        risk.Settle(500, audited: false, 1_000, 1);
        Assert.Equal(2.0 / 365 * 1.0, risk.Rate(), 15);
        risk.Settle(5_000, audited: false, 1_000, 1);
        Assert.Equal(2.0 / 365 * 2.0, risk.Rate(), 15); // saturates at 0.5 + 1.5
    }
}
