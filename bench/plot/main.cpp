// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// sori-bench-plot: draws the benchmark's ramp results as a PNG (docs/benchmarks/*.png).
// Input: a CSV with the columns  server,offered,deliveries,p99  (offered and deliveries in
// deliveries per second, p99 in milliseconds), one line per step of a ramp. Output: two panels
// side by side, deliveries/s against offered load and p99 against offered load, one line per
// server, both axes logarithmic.

#include <QtCore/QCommandLineParser>
#include <QtCore/QFile>
#include <QtCore/QMap>
#include <QtCore/QTextStream>
#include <QtGui/QGuiApplication>
#include <QtGui/QImage>
#include <QtGui/QPainter>
#include <QtGui/QPainterPath>

#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

struct Point
{
    double offered = 0;
    double deliveries = 0;
    double p99 = 0;
};

struct Axis
{
    double low = 1;
    double high = 10;
    double map(double v, double from, double to) const
    {
        const double t =
            (std::log10(qMax(v, low)) - std::log10(low)) / (std::log10(high) - std::log10(low));
        return from + t * (to - from);
    }
};

Axis axisFor(double low, double high)
{
    Axis a;
    a.low = std::pow(10.0, std::floor(std::log10(qMax(low, 1e-9))));
    a.high = std::pow(10.0, std::ceil(std::log10(qMax(high, a.low * 10))));
    return a;
}

QString humanNumber(double v)
{
    if (v >= 1e6)
        return QString::number(v / 1e6) + u"M"_s;
    if (v >= 1e3)
        return QString::number(v / 1e3) + u"k"_s;
    return QString::number(v);
}

void drawPanel(QPainter &p, const QRectF &frame, const QString &title, const QString &yLabel,
               const QMap<QString, QList<Point>> &series, bool latency, const Axis &x,
               const Axis &y, const QList<QColor> &colours)
{
    const QRectF plot = frame.adjusted(70, 40, -20, -50);
    p.setPen(Qt::black);
    p.drawText(QRectF(frame.left(), frame.top() + 5, frame.width(), 25), Qt::AlignCenter, title);
    p.drawRect(plot);
    QFont small = p.font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    p.setFont(small);
    for (double v = x.low; v <= x.high * 1.0001; v *= 10) {
        const double px = x.map(v, plot.left(), plot.right());
        p.setPen(QColor(220, 220, 220));
        p.drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));
        p.setPen(Qt::black);
        p.drawText(QRectF(px - 40, plot.bottom() + 4, 80, 16), Qt::AlignCenter, humanNumber(v));
    }
    for (double v = y.low; v <= y.high * 1.0001; v *= 10) {
        const double py = y.map(v, plot.bottom(), plot.top());
        p.setPen(QColor(220, 220, 220));
        p.drawLine(QPointF(plot.left(), py), QPointF(plot.right(), py));
        p.setPen(Qt::black);
        p.drawText(QRectF(plot.left() - 68, py - 8, 64, 16), Qt::AlignRight | Qt::AlignVCenter,
                   humanNumber(v));
    }
    p.drawText(QRectF(plot.left(), plot.bottom() + 24, plot.width(), 18), Qt::AlignCenter,
               u"offered load (deliveries/s)"_s);
    p.save();
    p.translate(frame.left() + 12, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot.height() / 2, -10, plot.height(), 20), Qt::AlignCenter, yLabel);
    p.restore();

    int index = 0;
    for (auto it = series.cbegin(); it != series.cend(); ++it, ++index) {
        const QColor colour = colours.value(index % colours.size());
        p.setPen(QPen(colour, 2));
        QPainterPath path;
        bool first = true;
        for (const Point &point : it.value()) {
            const double value = latency ? point.p99 : point.deliveries;
            const QPointF at(x.map(point.offered, plot.left(), plot.right()),
                             y.map(value, plot.bottom(), plot.top()));
            if (first)
                path.moveTo(at);
            else
                path.lineTo(at);
            first = false;
            p.drawEllipse(at, 3, 3);
        }
        p.drawPath(path);
        p.drawText(QRectF(plot.left() + 8, plot.top() + 6 + index * 16, plot.width() - 16, 16),
                   Qt::AlignLeft, it.key());
    }
    p.setFont(QFont());
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(u"csv"_s, u"server,offered,deliveries,p99 per line"_s);
    parser.addPositionalArgument(u"png"_s, u"the image to write"_s);
    parser.addOption({u"title"_s, u"Title of the figure."_s, u"title"_s});
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2)
        parser.showHelp(2);

    QFile file(args.at(0));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        std::fprintf(stderr, "sori-bench-plot: cannot read %s\n", qPrintable(args.at(0)));
        return 1;
    }
    QMap<QString, QList<Point>> series;
    double xLow = 1e300, xHigh = 0, dLow = 1e300, dHigh = 0, lLow = 1e300, lHigh = 0;
    QTextStream in(&file);
    while (!in.atEnd()) {
        const QStringList fields = in.readLine().split(u',');
        bool ok = false;
        if (fields.size() != 4 || (fields.at(1).toDouble(&ok), !ok))
            continue; // header or blank
        Point point{fields.at(1).toDouble(), fields.at(2).toDouble(), fields.at(3).toDouble()};
        series[fields.at(0)].append(point);
        xLow = qMin(xLow, point.offered);
        xHigh = qMax(xHigh, point.offered);
        dLow = qMin(dLow, qMax(point.deliveries, 1.0));
        dHigh = qMax(dHigh, point.deliveries);
        lLow = qMin(lLow, qMax(point.p99, 0.01));
        lHigh = qMax(lHigh, point.p99);
    }
    if (series.isEmpty()) {
        std::fprintf(stderr, "sori-bench-plot: no data in %s\n", qPrintable(args.at(0)));
        return 1;
    }
    const Axis x = axisFor(qMin(xLow, dLow), qMax(xHigh, dHigh));
    const Axis yLatency = axisFor(lLow, lHigh);

    QImage image(1400, 560, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const QList<QColor> colours = {QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28),
                                   QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd),
                                   QColor(0xff, 0x7f, 0x0e)};
    const QString title = parser.value(u"title"_s);
    drawPanel(painter, QRectF(0, 0, 700, 560), title + u" — deliveries/s"_s, u"deliveries/s"_s,
              series, false, x, x, colours);
    drawPanel(painter, QRectF(700, 0, 700, 560), title + u" — p99 latency"_s, u"p99 (ms)"_s, series,
              true, x, yLatency, colours);
    painter.end();
    if (!image.save(args.at(1))) {
        std::fprintf(stderr, "sori-bench-plot: cannot write %s\n", qPrintable(args.at(1)));
        return 1;
    }
    return 0;
}
