using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Regulators' audits and fines (docs/model.md §3.24, Mechanisms/Audits.cs): daily audit rate audits_per_year / 365 × the
/// risk grade's factor (risk-based: × 0.5 + min(1.5, violations ÷ (share × records held))); a fine of min(fine_max × N/P,
/// annual turnover × share) × min(1, violations ÷ (share × records held)) when an audit finds violations, after which the
/// count is reset. Here fine_violation_share is 0.1 and the store 10,000 records, so 1,000 violations earn the full fine.
/// </summary>
public class AuditsTests
{
    private const long Held = 10_000;

    private static Audits For(Func<Regime, Regime> levers, int subjects = 1, long represents = 1) =>
        new(new ModelContext(MechanismHarness.Spec(levers(RegimeCatalog.Get("dynamic-balance")), subjects: subjects, represents: represents)));

    /// <summary>
    /// Revenue so far 365 million fen over 365 days: annual turnover 365 million fen, 5% = 18,250,000 fen, below the
    /// 50-million-yuan ceiling (one subject standing for one person: N/P = 1); 500 violations against a store of 10,000
    /// records give half of it, 9,125,000 fen. The count is reset: the next audit without new violations fines nothing, and
    /// fines paid accumulate.
    /// </summary>
    [Fact]
    public void Fine_IsTheLowerCeilingTimesSeverity_AndTheCountIsReset()
    {
        var audits = For(r => r);
        Assert.Equal(0, audits.Settle(300, audited: false, 365_000_000, 365, Held));
        Assert.Equal(9_125_000, audits.Settle(200, audited: true, 365_000_000, 365, Held));
        Assert.Equal(0, audits.Settle(0, audited: true, 365_000_000, 365, Held));
        Assert.Equal(18_250_000, audits.Settle(5_000, audited: true, 365_000_000, 365, Held)); // severity capped at 1
        Assert.Equal(9_125_000 + 18_250_000, audits.FinesPaidFen);
        Assert.Equal(0, audits.Settle(0, audited: true, 365_000_000, 365, Held));           // audited with no violation
        // severity is a share of the store: the same 500 violations against twice the records are half as grave
        Assert.Equal(4_562_500, For(r => r).Settle(500, audited: true, 365_000_000, 365, 2 * Held));
    }

    /// <summary>
    /// A low fine ceiling (1,000 yuan) binds before the turnover share; turnover is annualised from the days seen (73 days ×
    /// 5 = 365). The yuan ceiling is for a firm serving the whole represented population: 10 subjects standing for
    /// 10,000 people scale the 50-million-yuan ceiling to 50,000 yuan (5,000,000 fen), which then binds.
    /// </summary>
    [Fact]
    public void Fine_UsesTheLowerOfTheTwoCeilings_ScaledToTheSimulatedMarket()
    {
        var capped = For(r => r with { FineMaxYuan = 1_000 });
        Assert.Equal(100_000, capped.Settle(1_000, audited: true, 365_000_000, 365, Held));
        var early = For(r => r);
        Assert.Equal(18_250_000, early.Settle(1_000, audited: true, 73_000_000, 73, Held));
        var sampled = For(r => r, subjects: 10, represents: 10_000);
        Assert.Equal(5_000_000, sampled.Settle(1_000, audited: true, 365_000_000, 365, Held));
    }

    [Fact]
    public void Rate_IsAuditsPerYearOver365_ScaledByViolationsWhenRiskBased_AndByTheGrade()
    {
        Assert.Equal(1.0 / 365, For(r => r with { AuditsPerYear = 1 }).Rate(0, Held), 15);
        var risk = For(r => r with { AuditsPerYear = 2, RiskBasedAudits = true });
        Assert.Equal(2.0 / 365 * 0.5, risk.Rate(0, Held), 15);
        risk.Settle(500, audited: false, 1_000, 1, Held);
        Assert.Equal(2.0 / 365 * 1.0, risk.Rate(0, Held), 15);
        risk.Settle(5_000, audited: false, 1_000, 1, Held);
        Assert.Equal(2.0 / 365 * 2.0, risk.Rate(0, Held), 15); // saturates at 0.5 + 1.5
        // graded supervision: half the rate at grade 1, twice at grade 3, unchanged at grade 2
        var graded = For(r => r with { AuditsPerYear = 1 });
        Assert.Equal(0.5 / 365, graded.Rate(1, Held), 15);
        Assert.Equal(1.0 / 365, graded.Rate(2, Held), 15);
        Assert.Equal(2.0 / 365, graded.Rate(3, Held), 15);
    }
}
