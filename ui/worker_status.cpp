#include "ui/worker_status.h"

#include <QLabel>
#include <QProgressBar>
#include <QStatusBar>

#include <algorithm>
#include <cmath>

namespace gitvqa {

WorkerStatus::WorkerStatus(QStatusBar* bar) : QObject(bar)
{
    m_activity = new QLabel(bar);
    m_activity->setAccessibleName(tr("Worker activity"));
    m_activity->setAccessibleDescription(tr("What the model worker is doing now"));
    m_progress = new QProgressBar(bar);
    m_progress->setMaximumWidth(160);
    m_progress->setMaximumHeight(16);
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(tr("Worker progress"));
    m_progress->setAccessibleDescription(tr("Progress of the current model work"));
    m_progress->hide();
    m_model = new QLabel(bar);
    m_model->setAccessibleName(tr("Model"));
    m_model->setAccessibleDescription(tr("The model in use, the device it runs on and its precision"));
    bar->addWidget(m_activity, 1);
    bar->addPermanentWidget(m_progress);
    bar->addPermanentWidget(m_model);
    setModelText(tr("No model"));

    m_flash.setSingleShot(true);
    connect(&m_flash, &QTimer::timeout, this, [this] {
        if (!m_active)
            m_activity->clear();
    });
    m_delay.setSingleShot(true);
    m_delay.setInterval(kProgressDelayMs);
    connect(&m_delay, &QTimer::timeout, this, [this] {
        if (m_active) {
            applyFraction();
            m_progress->show();
        }
    });
}

void WorkerStatus::setModel(const QString& name, const QString& device, const QString& dtype, int threads)
{
    QString text = tr("%1 · %2 · %3").arg(name, device, dtype);
    if (device.startsWith(QLatin1String("cpu")) && threads > 0)
        text += tr(" · %n thread(s)", nullptr, threads);
    setModelText(text);
}

void WorkerStatus::setModelText(const QString& text) { m_model->setText(text); }

QString WorkerStatus::modelText() const { return m_model->text(); }

void WorkerStatus::setActivity(const QString& text, double fraction)
{
    m_flash.stop();
    m_activity->setText(text);
    m_fraction = fraction;
    if (!m_active) {
        m_active = true;
        m_delay.start();
    } else if (!m_progress->isHidden()) {
        applyFraction();
    }
}

void WorkerStatus::applyFraction()
{
    if (m_fraction < 0) {
        m_progress->setRange(0, 0); // busy
    } else {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(std::lround(std::clamp(m_fraction, 0.0, 1.0) * 1000)));
    }
}

void WorkerStatus::clearActivity()
{
    m_active = false;
    m_delay.stop();
    m_activity->clear();
    m_progress->hide();
}

void WorkerStatus::flash(const QString& text, int ms)
{
    if (m_active)
        return;
    m_activity->setText(text);
    m_flash.start(ms);
}

QString WorkerStatus::activityText() const { return m_activity->text(); }

bool WorkerStatus::isProgressVisible() const { return !m_progress->isHidden(); }

} // namespace gitvqa
