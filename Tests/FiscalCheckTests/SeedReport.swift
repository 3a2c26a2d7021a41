import FiscalModel

/// The figures of the seed report (2020 部门决算 of 县委办, Sichuan narrative), with the
/// lines they are written on, labelled as docs/CHECKS.md asks formats to label them.
enum SeedReport {
    static func make() -> Report {
        var b = ReportBuilder()
        // 一、收支总计 (line 25)
        let grand = b.fact(.totals, "收支总计", "1320.41", line: 25)
        b.change(grand, from: 2019, delta: "-433.95", percent: "-24.74", line: 25)
        // 二、收入 (line 27)
        let income = b.fact(.income, "本年收入合计", "1320.41", line: 27)
        let general = b.fact(.income, "一般公共预算财政拨款收入", "927.15", line: 27, fund: .generalBudget)
        b.share(general, "70.22", of: income, line: 27)
        let fundIncome = b.fact(.income, "政府性基金预算财政拨款收入", "305.68", line: 27, fund: .governmentFund)
        b.share(fundIncome, "29.78", of: income, line: 27)
        for item in ["上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"] {
            let f = b.fact(.income, item, "0", line: 27)
            b.share(f, "0", of: income, line: 27)
        }
        // 三、支出 (line 30)
        let spending = b.fact(.expenditure, "本年支出合计", "1320.41", line: 30)
        for (item, value, pct) in [("基本支出", "546.41", "41.38"), ("项目支出", "677.81", "51.33"), ("年末结转和结余", "96.19", "7.29"),
                                   ("上缴上级支出", "0", "0"), ("经营支出", "0", "0"), ("对附属单位补助支出", "0", "0")] {
            let f = b.fact(.expenditure, item, value, line: 30)
            b.share(f, pct, of: spending, line: 30)
        }
        // 四、财政拨款收支总计 (line 33)
        let appropriation = b.fact(.fiscalAppropriation, "财政拨款收支总计", "1320.41", line: 33)
        b.change(appropriation, from: 2019, delta: "-433.95", percent: "-24.74", line: 33)
        // 五、一般公共预算财政拨款支出 (lines 38, 42, 44, 46–57)
        let gb38 = b.fact(.generalBudgetExpenditure, "一般公共预算财政拨款支出", "1014.73", line: 38)
        b.share(gb38, "76.85", of: spending, line: 38)
        b.change(gb38, from: 2019, delta: "-360.43", percent: "-26.21", line: 38)
        let gb42 = b.fact(.generalBudgetExpenditure, "一般公共预算财政拨款支出", "1014.73", line: 42)
        for (item, code, value, pct) in [("一般公共服务（类）支出", "201", "865.22", "85.27"), ("社会保障和就业支出", "208", "48.34", "4.76"),
                                         ("卫生健康支出", "210", "32.92", "3.24"), ("住房保障支出", "221", "34.43", "3.39")] {
            let f = b.fact(.generalBudgetExpenditure, item, value, line: 42, code: ClassificationCode(rawValue: code))
            b.share(f, pct, of: gb42, line: 42)
        }
        for (item, value, pct) in [("年末结转和结余", "33.82", "3.33"), ("上缴上级支出", "0", "0"), ("经营支出", "0", "0"), ("对附属单位补助支出", "0", "0")] {
            let f = b.fact(.generalBudgetExpenditure, item, value, line: 42)
            b.share(f, pct, of: gb42, line: 42)
        }
        let gb44 = b.fact(.generalBudgetExpenditure, "一般公共预算财政拨款支出", "1014.73", line: 44)
        b.completion(gb44, "100", budget: nil, line: 44)
        let xiang: [(String, String, String, Int)] = [
            ("行政运行", "2013101", "372.14", 46), ("一般行政事务", "2013102", "24.8", 47), ("机关服务", "2013103", "6.35", 49),
            ("专项业务", "2013105", "255.57", 50), ("事业运行", "2013150", "40.09", 48), ("其他党委办公厅（室）及相关机构事务支出", "2013199", "166.28", 51),
            ("机关事业单位基本养老保险缴费支出", "2080505", "48.34", 52),
            ("行政单位医疗", "2101101", "26.95", 53), ("事业单位医疗", "2101102", "2.3", 54), ("公务员医疗补助", "2101103", "1.47", 55),
            ("其他行政事业单位医疗支出", "2101199", "2.21", 56), ("住房公积金", "2210201", "34.43", 57),
        ]
        for (item, code, value, line) in xiang {
            let f = b.fact(.generalBudgetExpenditure, item, value, line: line, code: ClassificationCode(rawValue: code))
            b.completion(f, "100", budget: nil, line: line)
        }
        // 六、基本支出 (lines 60, 62, 63)
        b.fact(.basicExpenditure, "基本支出", "546.42", line: 60, fund: .generalBudget)
        b.fact(.basicExpenditure, "人员经费", "400.93", line: 62, fund: .generalBudget)
        b.fact(.basicExpenditure, "日常公用经费", "145.48", line: 63, fund: .generalBudget)
        // 七、三公经费 (lines 67–79)
        let threePublic = b.fact(.threePublic, "“三公”经费", "18.64", line: 67)
        b.completion(threePublic, "100", budget: nil, line: 67)
        let abroad = b.fact(.threePublic, "因公出国（境）费", "0", line: 69)
        b.share(abroad, "0", of: threePublic, line: 69)
        let cars = b.fact(.threePublic, "公务用车购置及运行维护费", "11.1", line: 69)
        b.share(cars, "59.54", of: threePublic, line: 69)
        let reception = b.fact(.threePublic, "公务接待费", "7.54", line: 69)
        b.share(reception, "40.45", of: threePublic, line: 69)
        b.fact(.threePublic, "因公出国（境）费", "0", line: 70)
        b.fact(.threePublic, "公务用车购置及运行维护费", "11.1", line: 72)
        let upkeep72 = b.fact(.threePublic, "公务用车运行维护费", "11.1", line: 72)
        b.change(upkeep72, from: 2019, delta: "-0.32", percent: "-2.80", line: 72)
        b.fact(.threePublic, "公务用车", "2", line: 74, unit: "辆")
        b.fact(.threePublic, "轿车", "1", line: 74, unit: "辆")
        b.fact(.threePublic, "越野车", "1", line: 74, unit: "辆")
        b.fact(.threePublic, "载客汽车", "0", line: 74, unit: "辆")
        b.fact(.threePublic, "公务用车运行维护费", "11.1", line: 75)
        let reception76 = b.fact(.threePublic, "公务接待费", "7.54", line: 76)
        b.change(reception76, from: 2019, delta: "-2.99", percent: "-39.66", line: 76)
        b.fact(.threePublic, "国内公务接待费", "7.54", line: 77)
        for (item, value) in [("省市领导来武胜调研各项工作", "6.78"), ("省市保密办来县检查保密工作", "0.42"),
                              ("市外事办来县外事办检查工作", "0.2"), ("市级档案局来县档案局检查档案相关工作", "0.14")] {
            b.fact(.threePublic, "国内公务接待费/" + item, value, line: 77)
        }
        b.fact(.threePublic, "外事接待费", "0", line: 79)
        // 八、九、十
        b.fact(.governmentFund, "政府性基金预算财政拨款支出", "305.68", line: 81)
        b.fact(.stateCapital, "国有资本经营预算财政拨款支出", "0", line: 84)
        let running = b.fact(.operatingCosts, "机关运行经费", "0", line: 88)
        b.unchanged(running, from: 2019, line: 88)
        b.fact(.procurement, "政府采购支出总额", "0", line: 90)
        for item in ["政府采购货物支出", "政府采购工程支出", "政府采购服务支出"] { b.fact(.procurement, item, "0", line: 90) }
        b.fact(.assets, "车辆", "2", line: 92, unit: "辆")
        for (item, n) in [("部级领导干部用车", "0"), ("一般公务用车", "1"), ("一般执法执勤用车", "0"), ("特种专业技术用车", "1"), ("其他用车", "0")] {
            b.fact(.assets, item, n, line: 92, unit: "辆")
        }
        // 项目 (line 101): 预算数 138.6, 执行数 138.6, 完成预算的100%
        let budget = b.fact(.projects, "党政党务项目运行运维专项经费项目", "138.6", line: 101, phase: .budget)
        let executed = b.fact(.projects, "党政党务项目运行运维专项经费项目", "138.6", line: 101)
        b.completion(executed, "100", budget: budget, line: 101)
        // 人员 (line 798)
        b.fact(.staff, "职工", "83", line: 798, unit: "人")
        for (item, n) in [("在编职工", "40"), ("聘用人员", "31"), ("借用", "12")] { b.fact(.staff, "职工/" + item, n, line: 798, unit: "人") }
        return b.report
    }
}
